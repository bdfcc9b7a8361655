import { z } from "zod";
import { reasonSchema } from "@/lib/orders/model/support-schemas";

// The refund of an order cancelled at Sectigo. !AutoRefund does not cover eIDAS orders (spec
// after-ordering.md §6): our support team asks Sectigo's support and records the answer here.
// Browser-safe: the support form and the server share the schema.

export const REFUND_TO_CONFIRM = "to_confirm";
export const REFUND_OUTCOMES = ["refunded", "declined"] as const;
export type RefundOutcome = (typeof REFUND_OUTCOMES)[number];
export type RefundState = typeof REFUND_TO_CONFIRM | RefundOutcome;

export function refundStateOf(value: string | null | undefined): RefundState | null {
  return value === REFUND_TO_CONFIRM || (REFUND_OUTCOMES as readonly string[]).includes(value ?? "")
    ? (value as RefundState)
    : null;
}

export const recordRefundSchema = z.object({
  orderId: z.string().trim().min(1, "The order is missing.").max(64),
  outcome: z.enum(REFUND_OUTCOMES, { message: "Choose what Sectigo answered." }),
  reason: reasonSchema,
});
export type RecordRefundInput = z.input<typeof recordRefundSchema>;

/** What the customer reads about the refund on the order page. */
export const REFUND_WORDS: Record<RefundState, string> = {
  to_confirm:
    "Sectigo has no automatic refund for eIDAS orders: our support team is asking Sectigo's support for one, and this page shows the answer. Sectigo decides; a refund is not guaranteed.",
  refunded: "Sectigo refunded the order.",
  declined: "Sectigo declined a refund for this order. Contact support if you have questions.",
};
