import type { OrderStatus } from "@/lib/generated/prisma/enums";

// The order lifecycle. Every status write goes through a conditional UPDATE that names the
// states it may leave (see lib/orders/lifecycle/store.ts), so two tabs, a double click, two support
// agents or a retry job racing a person can never both move an order into SUBMITTING.
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  DRAFT: ["SUBMITTING", "AWAITING_APPROVAL", "CANCELLED"],
  // After an input error nothing was created at the CA: the customer fixes and resubmits.
  REJECTED: ["SUBMITTING", "AWAITING_APPROVAL", "CANCELLED"],
  // The approver's decision (lib/orders/commands/approve.ts): approved is a normal send from
  // here; rejected or withdrawn goes back to the requester's draft. Nobody else moves it.
  AWAITING_APPROVAL: ["SUBMITTING", "DRAFT"],
  SUBMITTING: [
    "PLACED",
    "REJECTED",
    "ACCOUNT_PROBLEM",
    "RETRY_SCHEDULED",
    "FAILED_TRANSIENT",
    "OUTCOME_UNKNOWN",
    "NEEDS_REVIEW",
    "NEEDS_RECONCILIATION",
  ],
  // NEEDS_REVIEW from the retry states: the stored input no longer validates, so the order
  // cannot be sent again as it is and a person must look at it (lib/orders/lifecycle/stored-input.ts).
  RETRY_SCHEDULED: ["SUBMITTING", "CANCELLED", "FAILED_TRANSIENT", "NEEDS_REVIEW"],
  FAILED_TRANSIENT: ["SUBMITTING", "CANCELLED", "PLACED", "NEEDS_REVIEW"],
  OUTCOME_UNKNOWN: ["SUBMITTING", "CANCELLED", "PLACED", "NEEDS_RECONCILIATION", "NEEDS_REVIEW"],
  NEEDS_REVIEW: ["SUBMITTING", "CANCELLED", "PLACED", "REJECTED"],
  ACCOUNT_PROBLEM: ["SUBMITTING", "CANCELLED", "PLACED", "NEEDS_REVIEW"],
  NEEDS_RECONCILIATION: ["PLACED", "CANCELLED"],
  // After placing, the order moves only on what Sectigo says (lib/orders/lifecycle/track.ts) or on
  // a cancellation Sectigo confirmed (lib/orders/commands/revoke.ts); it is never sent again.
  PLACED: ["ISSUED", "CA_REJECTED", "CANCELLED"],
  ISSUED: ["REVOKED"],
  CA_REJECTED: [],
  REVOKED: [],
  CANCELLED: [],
};

/** States from which an order may be sent to the CA (again). */
export function sourcesOf(target: OrderStatus): OrderStatus[] {
  return (Object.keys(TRANSITIONS) as OrderStatus[]).filter((from) => TRANSITIONS[from].includes(target));
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States a customer may still edit in the wizard. */
export const EDITABLE_BY_CUSTOMER: readonly OrderStatus[] = ["DRAFT", "REJECTED"];

/** Waiting for an organization's approver: only an approver sends it (never support). */
export const AWAITING_APPROVER: readonly OrderStatus[] = ["AWAITING_APPROVAL"];

/** States that wait for support staff. */
export const SUPPORT_QUEUE: readonly OrderStatus[] = [
  "FAILED_TRANSIENT",
  "OUTCOME_UNKNOWN",
  "NEEDS_REVIEW",
  "ACCOUNT_PROBLEM",
  "NEEDS_RECONCILIATION",
];

/** Retrying is safe only where the CA either refused the order or may have it under our FON. */
export const RETRYABLE_BY_SUPPORT: readonly OrderStatus[] = [
  "FAILED_TRANSIENT",
  "OUTCOME_UNKNOWN",
  "NEEDS_REVIEW",
  "ACCOUNT_PROBLEM",
  "RETRY_SCHEDULED",
];
/** Where support may record the Sectigo order number (reconcile, or resolve as placed). */
export const MARK_PLACED_FROM: readonly OrderStatus[] = sourcesOf("PLACED").filter((s) => s !== "SUBMITTING");
/** Drafts belong to their customer; every later state that may end in CANCELLED is support's. */
export const CANCELLABLE_BY_SUPPORT: readonly OrderStatus[] = sourcesOf("CANCELLED").filter(
  // A placed order is cancelled at Sectigo (commands/revoke.ts), never only in the portal.
  (s) => s !== "DRAFT" && s !== "PLACED",
);

/** The CA has the order: placed, and every state Sectigo alone can move it to. */
export const AT_CA: readonly OrderStatus[] = ["PLACED", "ISSUED", "CA_REJECTED", "REVOKED"];
/** Placed at Sectigo and not yet final: the status job asks Sectigo about these. */
export const TRACKED: readonly OrderStatus[] = ["PLACED"];
/** A placed order not yet issued can be cancelled at Sectigo; an issued one revoked. */
export const CANCELLABLE_AT_CA: readonly OrderStatus[] = ["PLACED"];
export const REVOCABLE_AT_CA: readonly OrderStatus[] = ["ISSUED"];
/** Input problems the CA flagged for review go back to the wizard as REJECTED. */
export const REOPENABLE_BY_SUPPORT: readonly OrderStatus[] = ["NEEDS_REVIEW"];
