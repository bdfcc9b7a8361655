import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { Outcome } from "@/lib/orders/lifecycle/outcome";
import {
  RECOVERED_FAILURE_CLASS,
  retryPolicy,
  withRetryPolicy,
  type RetryPolicy,
} from "@/lib/orders/lifecycle/retry";
import { transition, TransitionRefused } from "@/lib/orders/lifecycle/store";

/**
 * Beyond the client's own deadline: a process that is alive has recorded the CA's answer (or
 * its timeout) by then, so an order still SUBMITTING after this long was left by one that died.
 */
export const RECOVERY_MARGIN_MS = 60_000;

const ATTEMPT_MESSAGE = "The portal stopped while waiting for Sectigo's answer; Sectigo may have the order.";
const CUSTOMER_EXPLANATION =
  "The portal was restarted while sending your order, so we cannot tell yet whether Sectigo received it. " +
  "It is checked and completed without placing it twice; you do not need to do anything.";

export interface RecoveredOrder {
  orderId: string;
  externalOrderNumber: string;
  attemptId: string | null;
  status: OrderStatus;
  nextRetryAt: Date | null;
}

/** How long a submission may stay in flight before it counts as abandoned. */
export function staleSubmissionAfterMs(): number {
  return env().SECTIGO_TIMEOUT_MS + RECOVERY_MARGIN_MS;
}

/**
 * Finds orders left SUBMITTING by a process that died mid-call (start-up and periodic sweeps)
 * and moves each to OUTCOME_UNKNOWN, its pending attempt to UNKNOWN, with an audit event by the
 * system; where the retry policy allows, the order is scheduled for an automatic retry instead,
 * which carries checkFONIsUnique=Y like every send. Nothing is sent from here.
 */
export async function recoverInterruptedSubmissions(
  prisma: PrismaClient,
  options: { now?: Date; staleAfterMs?: number; policy?: RetryPolicy } = {},
): Promise<RecoveredOrder[]> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.staleAfterMs ?? staleSubmissionAfterMs()));
  const policy = options.policy ?? retryPolicy();
  const candidates = await prisma.order.findMany({
    where: { status: "SUBMITTING" },
    orderBy: { updatedAt: "asc" },
    select: {
      id: true,
      version: true,
      retryCount: true,
      externalOrderNumber: true,
      submittedAt: true,
      updatedAt: true,
      attempts: {
        orderBy: { startedAt: "desc" },
        take: 1,
        select: { id: true, startedAt: true, outcome: true },
      },
    },
  });

  const recovered: RecoveredOrder[] = [];
  for (const order of candidates) {
    const attempt = order.attempts[0];
    const startedAt = attempt?.startedAt ?? order.submittedAt ?? order.updatedAt;
    if (startedAt > cutoff) continue;

    const outcome = withRetryPolicy(abandoned(), order.retryCount, policy, now);
    try {
      await prisma.$transaction(async (tx) => {
        if (attempt?.outcome === "PENDING") {
          await tx.orderAttempt.update({
            where: { id: attempt.id },
            data: {
              outcome: "UNKNOWN",
              finishedAt: now,
              errorClass: RECOVERED_FAILURE_CLASS,
              message: ATTEMPT_MESSAGE,
            },
          });
        }
        // The version check makes a late answer from a process that is alive after all win or lose cleanly.
        await transition(tx, order.id, outcome.status, outcome.order, {
          from: ["SUBMITTING"],
          expectedVersion: order.version,
        });
        await recordAudit(tx, {
          actorId: null,
          action: "order.submission_recovered",
          orderId: order.id,
          reason: "The process sending this order stopped before Sectigo answered.",
          details: {
            attemptId: attempt?.id ?? null,
            attemptStartedAt: startedAt.toISOString(),
            status: outcome.status,
            nextRetryAt:
              outcome.order.nextRetryAt instanceof Date ? outcome.order.nextRetryAt.toISOString() : null,
          },
        });
      });
    } catch (error) {
      if (error instanceof TransitionRefused) continue;
      throw error;
    }
    const nextRetryAt = outcome.order.nextRetryAt instanceof Date ? outcome.order.nextRetryAt : null;
    recovered.push({
      orderId: order.id,
      externalOrderNumber: order.externalOrderNumber,
      attemptId: attempt?.id ?? null,
      status: outcome.status,
      nextRetryAt,
    });
    logger.warn({ orderId: order.id, status: outcome.status }, "recovered an interrupted submission");
  }
  return recovered;
}

function abandoned(): Outcome {
  return {
    status: "OUTCOME_UNKNOWN",
    attempt: { outcome: "UNKNOWN", durationMs: 0 },
    order: {
      failureClass: RECOVERED_FAILURE_CLASS,
      failureCode: null,
      failureMessage: CUSTOMER_EXPLANATION,
      failureField: null,
    },
  };
}
