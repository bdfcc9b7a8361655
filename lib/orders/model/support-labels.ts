import type { AttemptOutcome, AttemptTrigger, OrderStatus } from "@/lib/generated/prisma/enums";

// Staff-facing names: more precise than the customer's badges ("With support" covers several).
export const SUPPORT_STATE_LABELS: Partial<Record<OrderStatus, string>> = {
  // The organization's approver decides; support neither sends nor approves it.
  AWAITING_APPROVAL: "Awaiting the organization's approver",
  FAILED_TRANSIENT: "Failed: Sectigo unreachable",
  OUTCOME_UNKNOWN: "Outcome unknown",
  NEEDS_REVIEW: "Needs review",
  ACCOUNT_PROBLEM: "Account problem",
  NEEDS_RECONCILIATION: "Needs reconciliation",
  RETRY_SCHEDULED: "Automatic retry scheduled",
};

export const TRIGGER_LABELS: Record<AttemptTrigger, string> = {
  CUSTOMER: "Customer",
  SUPPORT: "Support",
  AUTO_RETRY: "Automatic retry",
  RECOVERY: "Retry after restart",
};

export const OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  PENDING: "Waiting for Sectigo",
  PLACED: "Placed",
  CA_ERROR: "Refused by Sectigo",
  TRANSPORT_ERROR: "Not delivered",
  UNKNOWN: "Unknown",
};
