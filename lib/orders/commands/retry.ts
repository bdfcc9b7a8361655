import "server-only";
import { assertRole, STAFF } from "@/lib/auth/roles";
import { Refusal } from "@/lib/refusal";
import type { z } from "zod";
import { db } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/users/data";
import { sendOrder } from "@/lib/orders/lifecycle/send";
import { STATUS_LABELS } from "@/lib/orders/model/status";
import { TransitionRefused } from "@/lib/orders/lifecycle/store";
import { supportActionSchema } from "@/lib/orders/model/support-schemas";
import { RETRYABLE_BY_SUPPORT } from "@/lib/orders/model/transitions";
import { checkStoredInput, holdForReview, type StoredInputCheck } from "@/lib/orders/lifecycle/stored-input";
import { SUPPORT_STATE_LABELS } from "@/lib/orders/model/support-labels";
import {
  changeStatus,
  conflict,
  orderAtVersion,
  parseSupportInput,
  type SupportActionResult,
} from "@/lib/orders/commands/support-shared";

/**
 * Support's retry: a new attempt with the same external order number and checkFONIsUnique=Y,
 * audited (with the reason) in the transaction that claims the order. Should the first attempt
 * have gone through, Sectigo refuses the duplicate and the order moves to NEEDS_RECONCILIATION.
 */
export async function retryOrder(
  user: SessionUser,
  raw: z.input<typeof supportActionSchema>,
): Promise<SupportActionResult> {
  assertRole(user, STAFF);
  const input = parseSupportInput(supportActionSchema, raw);
  const prisma = await db();
  const order = await orderAtVersion(prisma, input.orderId, input.version, RETRYABLE_BY_SUPPORT, "retried");
  const check = await checkStoredInput(prisma, order.id);
  if (!check.ok) return refuseInvalidStoredInput(user, order, input, check);
  try {
    const sent = await sendOrder(prisma, {
      orderId: order.id,
      from: RETRYABLE_BY_SUPPORT,
      trigger: "SUPPORT",
      triggeredById: user.id,
      expectedVersion: input.version,
      // The order as the check just read and parsed it: the send reads nothing again.
      stored: check.stored,
      onClaim: async (tx, { attemptId }) => {
        await recordAudit(tx, {
          actorId: user.id,
          action: "order.retried",
          orderId: order.id,
          reason: input.reason,
          details: {
            attemptId,
            fromStatus: order.status,
            foreignOrderNumber: order.externalOrderNumber,
            checkFONIsUnique: true,
          },
        });
      },
    });
    return {
      orderId: order.id,
      status: sent.status,
      message: retryMessage(sent.status, order.externalOrderNumber),
    };
  } catch (error) {
    if (error instanceof TransitionRefused) throw conflict();
    throw error;
  }
}

/**
 * A retry of an order whose stored input no longer validates cannot send anything: the order
 * moves to NEEDS_REVIEW (audited with the agent's reason), where it can be reopened for
 * correction or cancelled, and the agent is told so. Always throws.
 */
async function refuseInvalidStoredInput(
  user: SessionUser,
  order: { id: string; status: OrderStatus },
  input: { version: number; reason: string },
  check: Extract<StoredInputCheck, { ok: false }>,
): Promise<never> {
  if (order.status !== "NEEDS_REVIEW") {
    const prisma = await db();
    await changeStatus(prisma, async (tx) => {
      await holdForReview(tx, order.id, check, {
        from: RETRYABLE_BY_SUPPORT,
        expectedVersion: input.version,
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "order.retry_refused",
        orderId: order.id,
        reason: input.reason,
        details: { fromStatus: order.status, problems: check.problems },
      });
    });
  }
  throw new Refusal(
    "not_allowed",
    `Nothing was sent: the stored order no longer passes the portal's checks (${check.problems.join("; ")}). ` +
      `It is now in "${SUPPORT_STATE_LABELS.NEEDS_REVIEW}": reopen it for correction, or cancel it.`,
  );
}

function retryMessage(status: OrderStatus, externalOrderNumber: string): string {
  switch (status) {
    case "PLACED":
      return `Order ${externalOrderNumber} was placed at Sectigo.`;
    case "NEEDS_RECONCILIATION":
      return `Sectigo already has an order with ${externalOrderNumber}, so nothing new was placed. Find it at Sectigo and record its order number.`;
    case "RETRY_SCHEDULED":
      return `Sectigo did not answer properly; the portal retries ${externalOrderNumber} automatically.`;
    default:
      return `The retry ended as "${STATUS_LABELS[status].label}"; see the latest attempt.`;
  }
}
