import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { queueMail } from "@/lib/mail/outbox";
import { postWebhook } from "@/lib/webhooks/post";
import { openWebhookSecret, webhookHeaders } from "@/lib/webhooks/signature";

// Delivery of an endpoint's messages about one order (a "chain"): the oldest pending message
// first, the next only once it was delivered or given up, so a receiver sees an order's events in
// the order they happened. A message is held by a lease while it is being sent (a conditional
// update), so two instances never send it at once; a crash leaves the lease to expire and the
// sweep to send it again with the same webhook-id (at-least-once; receivers deduplicate on it).

export interface DeliveryOptions {
  /** Waits after the 1st, 2nd, … failed attempt; the message is given up after the last. */
  retryScheduleMs: readonly number[];
  timeoutMs: number;
  allowPrivate: boolean;
  /** The endpoint is disabled once it failed this many times in a row … */
  disableAfterFailures: number;
  /** … over at least this long. */
  disableAfterMs: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Standard Webhooks' suggested schedule: eight attempts over about 27 hours. */
export const RETRY_SCHEDULE_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];
export const DEFAULT_DISABLE_AFTER = { failures: 20, ms: 5 * 24 * HOUR };
/** A chain's job stops after this many messages and queues itself again (others get a turn). */
const CHAIN_BATCH = 50;

export type ChainResult = { delivered: number; failed: number; nextAt: Date | null };

/** Sends the chain's due messages in order; `nextAt`: when its head is due again (null: nothing waits). */
export async function deliverChain(
  prisma: PrismaClient,
  endpointId: string,
  orderId: string,
  options: DeliveryOptions,
): Promise<ChainResult> {
  const result: ChainResult = { delivered: 0, failed: 0, nextAt: null };
  for (let i = 0; i < CHAIN_BATCH; i++) {
    const head = await prisma.webhookMessage.findFirst({
      where: { endpointId, orderId, status: "PENDING" },
      orderBy: { seq: "asc" },
      select: {
        id: true,
        payload: true,
        attempts: true,
        nextAttemptAt: true,
        endpoint: { select: { url: true, secret: true, enabled: true } },
      },
    });
    if (!head || !head.endpoint.enabled) return result;
    const now = new Date();
    if (head.nextAttemptAt > now) return { ...result, nextAt: head.nextAttemptAt };
    const claimed = await prisma.webhookMessage.updateMany({
      where: {
        id: head.id,
        status: "PENDING",
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      },
      data: { leaseUntil: new Date(now.getTime() + options.timeoutMs + MINUTE) },
    });
    // Another instance is sending it; it goes on with the chain afterwards.
    if (claimed.count === 0) return result;

    const body = JSON.stringify(head.payload);
    const secret = openWebhookSecret(head.endpoint.secret);
    const answer = await postWebhook(head.endpoint.url, webhookHeaders(secret, head.id, body), body, {
      timeoutMs: options.timeoutMs,
      allowPrivate: options.allowPrivate,
    });
    const attempts = head.attempts + 1;
    const givenUp = !answer.ok && attempts > options.retryScheduleMs.length;
    const retryAt =
      answer.ok || givenUp ? null : new Date(Date.now() + options.retryScheduleMs[attempts - 1]!);
    await prisma.$transaction(async (tx) => {
      await tx.webhookAttempt.create({
        data: {
          messageId: head.id,
          durationMs: answer.durationMs,
          httpStatus: answer.httpStatus,
          error: answer.error?.slice(0, 500) ?? null,
        },
      });
      await tx.webhookMessage.update({
        where: { id: head.id },
        data: {
          attempts,
          leaseUntil: null,
          status: answer.ok ? "DELIVERED" : givenUp ? "FAILED" : "PENDING",
          deliveredAt: answer.ok ? new Date() : undefined,
          nextAttemptAt: retryAt ?? undefined,
        },
      });
      if (answer.ok) {
        await tx.webhookEndpoint.update({
          where: { id: endpointId },
          data: { consecutiveFailures: 0, failingSince: null },
        });
      } else {
        await recordFailure(tx, endpointId, options);
      }
    });
    if (answer.ok) result.delivered += 1;
    else if (givenUp) result.failed += 1;
    else return { ...result, nextAt: retryAt };
  }
  return { ...result, nextAt: new Date() };
}

/** Counts a failed attempt; disables the endpoint (once) after a long run, telling its owners. */
async function recordFailure(
  tx: Prisma.TransactionClient,
  endpointId: string,
  options: DeliveryOptions,
): Promise<void> {
  const endpoint = await tx.webhookEndpoint.update({
    where: { id: endpointId },
    data: { consecutiveFailures: { increment: 1 } },
    select: {
      url: true,
      enabled: true,
      consecutiveFailures: true,
      failingSince: true,
      organization: { select: { id: true, name: true } },
    },
  });
  const since = endpoint.failingSince ?? new Date();
  if (!endpoint.failingSince)
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { failingSince: since } });
  const longRun =
    endpoint.consecutiveFailures >= options.disableAfterFailures &&
    Date.now() - since.getTime() >= options.disableAfterMs;
  if (!endpoint.enabled || !longRun) return;
  const disabled = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, enabled: true },
    data: { enabled: false, disabledReason: `${endpoint.consecutiveFailures} deliveries failed in a row` },
  });
  if (disabled.count === 0) return;
  logger.warn(
    { endpointId, failures: endpoint.consecutiveFailures },
    "webhook endpoint disabled after failures",
  );
  const owners = await tx.membership.findMany({
    where: { organizationId: endpoint.organization.id, roles: { has: "OWNER" }, user: { disabled: false } },
    select: { user: { select: { id: true, email: true } } },
  });
  for (const { user } of owners)
    await queueMail(tx, {
      to: user.email,
      userId: user.id,
      template: "webhook-disabled",
      dedupeKey: `webhook-disabled:${endpointId}:${since.getTime()}:${user.id}`,
      data: {
        organizationId: endpoint.organization.id,
        organizationName: endpoint.organization.name,
        url: endpoint.url,
        failures: endpoint.consecutiveFailures,
      },
    });
}

/** Chains of enabled endpoints whose head is due before `horizon`, with its due time. */
export async function listDueChains(
  prisma: PrismaClient,
  horizon: Date,
): Promise<{ endpointId: string; orderId: string; dueAt: Date }[]> {
  return prisma.$queryRaw`
    SELECT h."endpointId", h."orderId", h."nextAttemptAt" AS "dueAt"
    FROM (
      SELECT DISTINCT ON (m."endpointId", m."orderId") m."endpointId", m."orderId", m."nextAttemptAt"
      FROM "WebhookMessage" m
      JOIN "WebhookEndpoint" e ON e."id" = m."endpointId" AND e."enabled"
      WHERE m."status" = 'PENDING'
      ORDER BY m."endpointId", m."orderId", m."seq"
    ) h
    WHERE h."nextAttemptAt" <= ${horizon}`;
}
