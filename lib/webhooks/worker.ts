import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { DatabaseHandle } from "@/lib/db/open";
import { env } from "@/lib/env";
import { listenOnChannel } from "@/lib/jobs/retry-wakeups";
import { logger } from "@/lib/log";
import { runWithRequestId } from "@/lib/observability/request-context.mjs";
import {
  DEFAULT_DISABLE_AFTER,
  deliverChain,
  listDueChains,
  RETRY_SCHEDULE_MS,
  type DeliveryOptions,
} from "@/lib/webhooks/deliver";

// Webhook delivery on pg-boss. One job per (endpoint, order) chain, "stately": at most one
// waiting and one running per chain across all instances, so an order's events go out one after
// another. The database's NOTIFY on a committed message wakes its chain at once; a sweep every
// minute (and at start) queues every chain that is due, so a lost notification or a crashed
// instance only delays a delivery.

export const WEBHOOK_QUEUE = "webhook-deliver";
export const WEBHOOK_SWEEP_QUEUE = "webhook-sweep";
/** The channel of migration 20261208130000_webhooks (portal_webhook_queue). */
export const WEBHOOK_CHANNEL = "webhook_queued";
const BATCH_SIZE = 5;

export type WebhookWorkerOptions = Partial<Omit<DeliveryOptions, "allowPrivate" | "timeoutMs">> & {
  pollingIntervalSeconds?: number;
};

export interface WebhookWorker {
  /** Queues every due chain (the minute's sweep does this too). */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

interface ChainJob {
  endpointId: string;
  orderId: string;
}
const chainSchema = z.object({
  endpointId: z.string().min(1),
  orderId: z.string().min(1),
  /** A replay (lib/webhooks/manage.ts): its own job, not held behind a chain's waiting retry. */
  replay: z.string().min(1).optional(),
});

export async function createWebhookQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(WEBHOOK_QUEUE, {
    name: WEBHOOK_QUEUE,
    policy: "stately",
    // A failed job is no loss: the message rows say what is due, and the sweep queues it again.
    retryLimit: 0,
    expireInSeconds: 900,
  });
  await boss.createQueue(WEBHOOK_SWEEP_QUEUE, { name: WEBHOOK_SWEEP_QUEUE, policy: "short", retryLimit: 0 });
}

export async function startWebhookWorker(
  boss: PgBoss,
  handle: DatabaseHandle,
  options: WebhookWorkerOptions = {},
): Promise<WebhookWorker> {
  const prisma = handle.prisma;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const delivery = (): DeliveryOptions => ({
    retryScheduleMs: options.retryScheduleMs ?? RETRY_SCHEDULE_MS,
    disableAfterFailures: options.disableAfterFailures ?? DEFAULT_DISABLE_AFTER.failures,
    disableAfterMs: options.disableAfterMs ?? DEFAULT_DISABLE_AFTER.ms,
    timeoutMs: env().WEBHOOK_TIMEOUT_MS,
    allowPrivate: env().WEBHOOK_ALLOW_PRIVATE_URLS,
  });

  const wake = async (chain: ChainJob, at?: Date, replay?: string): Promise<void> => {
    await boss.send(
      WEBHOOK_QUEUE,
      { endpointId: chain.endpointId, orderId: chain.orderId },
      {
        singletonKey: `${chain.endpointId}:${chain.orderId}${replay ? `:${replay}` : ""}`,
        ...(at && at.getTime() > Date.now() ? { startAfter: at } : {}),
      },
    );
  };
  const sweep = async (): Promise<number> => {
    const due = await listDueChains(prisma, new Date(Date.now() + 60_000));
    for (const chain of due)
      await wake({ endpointId: chain.endpointId, orderId: chain.orderId }, chain.dueAt);
    return due.length;
  };

  const runChain = (job: PgBoss.Job<ChainJob>): Promise<void> =>
    runWithRequestId(`job-${job.id}`, async () => {
      const result = await deliverChain(prisma, job.data.endpointId, job.data.orderId, delivery());
      if (result.nextAt) await wake(job.data, result.nextAt);
      logger.debug({ ...job.data, ...result }, "webhook chain delivered");
    });
  await boss.work<ChainJob>(
    WEBHOOK_QUEUE,
    { pollingIntervalSeconds, batchSize: BATCH_SIZE },
    async (jobs) => {
      const results = await Promise.allSettled(jobs.map(runChain));
      await Promise.all(
        results.map((result, i) =>
          result.status === "rejected"
            ? boss.fail(WEBHOOK_QUEUE, jobs[i]!.id, { message: String(result.reason) })
            : undefined,
        ),
      );
    },
  );
  await boss.work(WEBHOOK_SWEEP_QUEUE, { pollingIntervalSeconds }, async ([job]) =>
    runWithRequestId(`job-${job?.id ?? "webhook-sweep"}`, async () => {
      await sweep();
    }),
  );
  await boss.schedule(WEBHOOK_SWEEP_QUEUE, "* * * * *");

  const stopListening = await listenOnChannel(handle, WEBHOOK_CHANNEL, (payload) => {
    const parsed = chainSchema.safeParse(
      (() => {
        try {
          return JSON.parse(payload ?? "");
        } catch {
          return null;
        }
      })(),
    );
    if (!parsed.success) return;
    wake(parsed.data, undefined, parsed.data.replay).catch((error: unknown) =>
      logger.warn({ err: String(error) }, "could not queue a webhook delivery; the sweep will"),
    );
  });
  await sweep();
  return { sweep, stop: stopListening };
}
