import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/log";
import { RECOVERED_FAILURE_CLASS } from "@/lib/orders/lifecycle/retry";
import { sendOrder } from "@/lib/orders/lifecycle/send";
import { TransitionRefused } from "@/lib/orders/lifecycle/store";
import { checkSendable, holdForReview, SENDABLE_COLUMNS } from "@/lib/orders/lifecycle/stored-input";

export type RetryRun =
  | { outcome: "sent"; status: OrderStatus; attemptId: string }
  | { outcome: "held"; status: "NEEDS_REVIEW" }
  | { outcome: "not-due"; nextRetryAt: Date }
  | { outcome: "skipped"; status: OrderStatus | null };

/**
 * The automatic retry of one order, if it is still waiting for it. A wake-up for an order that
 * support already retried, cancelled or resolved does nothing; two wake-ups for the same retry
 * (a duplicate job, two app instances) claim it with the same version, so only one sends.
 */
export async function runDueRetry(
  prisma: PrismaClient,
  orderId: string,
  now: Date = new Date(),
): Promise<RetryRun> {
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    select: { status: true, version: true, nextRetryAt: true, failureClass: true, ...SENDABLE_COLUMNS },
  });
  if (!order || order.status !== "RETRY_SCHEDULED")
    return { outcome: "skipped", status: order?.status ?? null };
  if (order.nextRetryAt && order.nextRetryAt > now)
    return { outcome: "not-due", nextRetryAt: order.nextRetryAt };
  try {
    // An input that fails validation would fail every retry the same way (and throw before
    // the claim): hand the order to support with the reason instead of scheduling it forever.
    const check = await checkSendable(order);
    if (!check.ok) {
      await holdForReview(prisma, orderId, check, {
        from: ["RETRY_SCHEDULED"],
        expectedVersion: order.version,
      });
      logger.warn(
        { orderId, field: check.field },
        "stored order input no longer validates; held for support",
      );
      return { outcome: "held", status: "NEEDS_REVIEW" };
    }
    const sent = await sendOrder(prisma, {
      orderId,
      from: ["RETRY_SCHEDULED"],
      trigger: order.failureClass === RECOVERED_FAILURE_CLASS ? "RECOVERY" : "AUTO_RETRY",
      triggeredById: null,
      expectedVersion: order.version,
      stored: check.stored,
    });
    return { outcome: "sent", status: sent.status, attemptId: sent.attemptId };
  } catch (error) {
    if (error instanceof TransitionRefused) return { outcome: "skipped", status: error.current };
    throw error;
  }
}
