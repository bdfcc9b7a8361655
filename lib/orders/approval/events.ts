import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";

/** The approval steps, each on the order's timeline and in the audit log under these names. */
export const APPROVAL_STEPS = {
  requested: { kind: "approval_requested", action: "order.approval_requested" },
  approved: { kind: "approval_approved", action: "order.approved" },
  rejected: { kind: "approval_rejected", action: "order.approval_rejected" },
  withdrawn: { kind: "approval_withdrawn", action: "order.approval_withdrawn" },
} as const;

export type ApprovalStep = keyof typeof APPROVAL_STEPS;

/**
 * Writes one approval step to the order's timeline and to the audit log, in the transaction of
 * the status change it belongs to (both or neither).
 */
export async function recordApprovalStep(
  tx: Prisma.TransactionClient,
  step: ApprovalStep,
  entry: { orderId: string; actorId: string; summary: string; reason?: string; version: number; at?: Date },
): Promise<void> {
  const { kind, action } = APPROVAL_STEPS[step];
  const data = { version: entry.version, ...(entry.reason ? { reason: entry.reason } : {}) };
  await tx.orderEvent.create({
    data: {
      orderId: entry.orderId,
      kind,
      summary: entry.summary,
      actorId: entry.actorId,
      data,
      ...(entry.at ? { at: entry.at } : {}),
    },
  });
  await recordAudit(tx, {
    actorId: entry.actorId,
    action,
    orderId: entry.orderId,
    reason: entry.reason ?? null,
    details: data,
  });
}
