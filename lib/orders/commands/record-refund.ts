import "server-only";
import { db } from "@/lib/db";
import { assertRole, STAFF } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { parseSupportInput, type SupportActionResult } from "@/lib/orders/commands/support-shared";
import { recordRefundSchema, REFUND_TO_CONFIRM, type RecordRefundInput } from "@/lib/orders/model/refund";

// Support records Sectigo's answer to the refund of an order cancelled at Sectigo (asked through
// Sectigo's support: there is no refund call for eIDAS orders). Recorded once: the write is
// conditional on the refund still waiting, so two agents cannot both record it.

const SUMMARY = {
  refunded: "Sectigo refunded the order.",
  declined: "Sectigo declined a refund for this order.",
} as const;

/** Records whether Sectigo refunded a cancelled order (staff only; audited with the agent's reason). */
export async function recordRefund(user: SessionUser, raw: RecordRefundInput): Promise<SupportActionResult> {
  assertRole(user, STAFF, "record a refund");
  const input = parseSupportInput(recordRefundSchema, raw);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUnique({
      where: { id: input.orderId },
      select: { id: true, status: true, externalOrderNumber: true },
    });
    if (!order) throw new Refusal("not_found", "This order does not exist.");
    const now = new Date();
    const written = await tx.orderTracking.updateMany({
      where: { orderId: order.id, refundState: REFUND_TO_CONFIRM, order: { status: "CANCELLED" } },
      data: { refundState: input.outcome, refundRecordedAt: now },
    });
    if (written.count !== 1)
      throw new Refusal(
        "conflict",
        "No refund of this order is waiting to be recorded (it was recorded already, or the order was not cancelled at Sectigo); reload.",
      );
    await recordAudit(tx, {
      actorId: user.id,
      action: "order.refund_recorded",
      orderId: order.id,
      reason: input.reason,
      details: { outcome: input.outcome },
    });
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        at: now,
        kind: "refund_recorded",
        summary: SUMMARY[input.outcome],
        actorId: user.id,
      },
    });
    return {
      orderId: order.id,
      status: order.status,
      message: `Recorded for ${order.externalOrderNumber}: ${SUMMARY[input.outcome]} The customer sees it on the order page.`,
    };
  });
}
