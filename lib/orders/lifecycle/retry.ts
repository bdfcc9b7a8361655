import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AttemptTrigger, OrderStatus } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import type { Outcome } from "@/lib/orders/lifecycle/outcome";

// Automatic retries. A send that failed transiently (nothing reached the CA: network, -14) or
// whose outcome is unknown (5xx, timeout, unreadable answer, connection lost after sending) is
// sent again with the same foreignOrderNumber and checkFONIsUnique=Y. Retrying an unknown
// outcome is safe for exactly that reason: if the first send went through, Sectigo refuses the
// second one as a duplicate and the order moves to NEEDS_RECONCILIATION, never to a second order.
// The order row (RETRY_SCHEDULED + nextRetryAt) is the source of truth; the job queue only wakes
// the worker at the right time, and a periodic sweep re-enqueues anything a crash lost.

export interface RetryPolicy {
  /** Automatic retries after the first send; 0 sends failures straight to support. */
  maxAttempts: number;
  baseDelayMs: number;
}

/** Outcomes that are retried automatically while the policy allows. */
export const AUTO_RETRIED: readonly OrderStatus[] = ["FAILED_TRANSIENT", "OUTCOME_UNKNOWN"];

/** Triggers that continue a retry series (others start a new one). */
export const AUTOMATIC_TRIGGERS: readonly AttemptTrigger[] = ["AUTO_RETRY", "RECOVERY"];

/** Marks orders whose last send was interrupted by the process stopping (see recovery.ts). */
export const RECOVERED_FAILURE_CLASS = "recovery:process-stopped";

const SCHEDULED_EXPLANATION =
  "Sectigo did not answer properly. The portal sends the order again automatically in a few minutes, " +
  "with a check that prevents a second order; you do not need to do anything.";

/** The configured policy (RETRY_MAX_ATTEMPTS, RETRY_BASE_DELAY_MS). */
export function retryPolicy(): RetryPolicy {
  const config = env();
  return { maxAttempts: config.RETRY_MAX_ATTEMPTS, baseDelayMs: config.RETRY_BASE_DELAY_MS };
}

/** Delay before automatic retry number `n` (1-based): base, 4 × base, 16 × base, … */
export function retryDelayMs(policy: RetryPolicy, n: number): number {
  return policy.baseDelayMs * 4 ** Math.max(0, n - 1);
}

/**
 * Turns a retryable outcome into RETRY_SCHEDULED while the series has retries left; after the
 * last one the outcome stands (FAILED_TRANSIENT or OUTCOME_UNKNOWN, both in the support queue).
 */
export function withRetryPolicy(
  outcome: Outcome,
  previousRetries: number,
  policy: RetryPolicy = retryPolicy(),
  now: Date = new Date(),
): Outcome {
  if (!AUTO_RETRIED.includes(outcome.status) || previousRetries >= policy.maxAttempts) {
    return { ...outcome, order: { ...outcome.order, nextRetryAt: null } };
  }
  const retry = previousRetries + 1;
  return {
    ...outcome,
    status: "RETRY_SCHEDULED",
    order: {
      ...outcome.order,
      failureMessage: SCHEDULED_EXPLANATION,
      retryCount: retry,
      nextRetryAt: new Date(now.getTime() + retryDelayMs(policy, retry)),
    },
  };
}

/** Orders whose automatic retry is due by `until` (the sweep's safety net for lost wake-ups). */
export async function listDueRetries(prisma: PrismaClient, until: Date = new Date(), take = 200) {
  return prisma.order.findMany({
    where: { status: "RETRY_SCHEDULED", OR: [{ nextRetryAt: null }, { nextRetryAt: { lte: until } }] },
    orderBy: [{ nextRetryAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, nextRetryAt: true },
  });
}
