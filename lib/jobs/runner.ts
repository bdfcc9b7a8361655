import "server-only";
import pg from "pg";
import PgBoss from "pg-boss";
import { dbHandle, type DbKind } from "@/lib/db";
import { pgExecutor, withSchemaLock } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { runDueRetry } from "@/lib/orders/lifecycle/run-due-retry";
import { pgliteBossDb } from "@/lib/jobs/pglite-db";
import { replayJournal } from "@/lib/orders/lifecycle/journal";
import { recoverInterruptedSubmissions } from "@/lib/orders/lifecycle/recovery";
import { listDueRetries } from "@/lib/orders/lifecycle/retry";
import { listenForRetries } from "@/lib/jobs/retry-wakeups";
import { startStatusTicker, type StatusTicker } from "@/lib/jobs/status-ticker";
import { trackingSettings } from "@/lib/orders/lifecycle/track";
import { sectigoClientFromEnv } from "@/lib/sectigo/client";
import { createMailQueue, startMailWorker, type MailWorker, type MailWorkerOptions } from "@/lib/mail/worker";
import { runWithRequestId } from "@/lib/observability/request-context.mjs";
import { pruneSectigoCalls } from "@/lib/observability/sectigo-call-log";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { expireIdempotencyKeys } from "@/lib/api/idempotency";
import {
  createWebhookQueues,
  startWebhookWorker,
  type WebhookWorker,
  type WebhookWorkerOptions,
} from "@/lib/webhooks/worker";

// The job queue is pg-boss on the portal's own database: its own pool on PostgreSQL, the single
// in-process connection on the embedded PGlite (see pglite-db.ts). pg-boss only decides *when*
// to look at an order; whether to send is decided again from the order row each time.

export const ORDER_RETRY_QUEUE = "order-retry";
export const ORDER_SWEEP_QUEUE = "order-sweep";
export const ALERTS_QUEUE = "alerts-evaluate";
export const SECTIGO_CALL_PRUNE_QUEUE = "sectigo-call-prune";
/** Hourly: deletes the API's expired Idempotency-Key answers (lib/api/idempotency.ts). */
export const API_IDEMPOTENCY_EXPIRY_QUEUE = "api-idempotency-expiry";
const SCHEMA = "pgboss";
// A retry job may wait for the CA up to SECTIGO_TIMEOUT_MS; well past that it counts as stuck.
const RETRY_JOB_EXPIRY_SECONDS = 900;
/** Retries one worker sends at a time: with two workers, at most ten calls to Sectigo at once. */
const RETRY_BATCH_SIZE = 5;
/** The sweep runs every minute; it queues the retries due within two. */
const SWEEP_HORIZON_MS = 2 * 60_000;

export interface JobRunnerOptions {
  /** How often an idle worker looks for due jobs (pg-boss allows 0.5 s at least). */
  pollingIntervalSeconds?: number;
  /** Workers fetching due retries; each sends up to RETRY_BATCH_SIZE side by side, and each send
   * may wait up to SECTIGO_TIMEOUT_MS for the CA. */
  concurrency?: number;
  /** The mail worker's lease and back-off (tests shorten them). */
  mail?: MailWorkerOptions;
  /** Webhook delivery's retry schedule and endpoint disabling (tests shorten them). */
  webhooks?: WebhookWorkerOptions;
}

export interface SweepResult {
  recovered: number;
  enqueued: number;
}

export interface JobRunner {
  /** Wakes a worker for the order's retry at `at` (one waiting wake-up per order). */
  enqueueRetry(orderId: string, at: Date): Promise<void>;
  /** Recovers abandoned submissions and re-enqueues due retries whose wake-up was lost. */
  sweep(): Promise<SweepResult>;
  /** Status checks of placed orders (lib/orders/lifecycle/track.ts). */
  status: StatusTicker;
  mail: MailWorker;
  webhooks: WebhookWorker;
  stop(): Promise<void>;
}

interface RetryJob {
  orderId: string;
}

// One runner per process, shared through globalThis like the database handle.
const running = globalThis as unknown as { __portalJobRunner?: Promise<JobRunner> };

/** Starts the job worker (idempotent): at server start, and explicitly in tests. */
export function startJobRunner(options: JobRunnerOptions = {}): Promise<JobRunner> {
  running.__portalJobRunner ??= createRunner(options).catch((error: unknown) => {
    running.__portalJobRunner = undefined;
    throw error;
  });
  return running.__portalJobRunner;
}

/** Stops the worker, letting a retry in flight finish first; safe when none runs. */
export async function stopJobRunner(): Promise<void> {
  const pending = running.__portalJobRunner;
  running.__portalJobRunner = undefined;
  if (pending) await (await pending).stop();
}

/** Makes this instance look for orders due a status check now (no-op where no runner runs). */
export function wakeStatusChecks(): void {
  void running.__portalJobRunner?.then((runner) => runner.status.wake()).catch(() => undefined);
}

/** PGlite is one connection in one process: nothing to serialise with. */
async function underSchemaLock(kind: DbKind, fn: () => Promise<void>): Promise<void> {
  if (kind !== "postgres") return fn();
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    application_name: "portal-jobs-setup",
  });
  await client.connect();
  try {
    await withSchemaLock(pgExecutor(client), fn, (m) => logger.info(m));
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const handle = await dbHandle();
  const prisma = handle.prisma;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const connection: PgBoss.ConstructorOptions =
    handle.kind === "pglite" && handle.pglite
      ? { db: pgliteBossDb(handle.pglite) }
      : { connectionString: env().DATABASE_URL, max: 4, application_name: "portal-jobs" };
  const boss = new PgBoss({
    ...connection,
    schema: SCHEMA,
    pollingIntervalSeconds,
    // Completed jobs are only wake-ups; the order's attempts and audit trail are the record.
    archiveCompletedAfterSeconds: 3_600,
    deleteAfterDays: 7,
  });
  boss.on("error", (error: Error) => logger.error({ err: error.message }, "job queue error"));
  // pg-boss creates its schema and each queue's partition with DDL that deadlocks when two
  // instances run it at once on a fresh database, so it runs under the migrations' lock.
  await underSchemaLock(handle.kind, async () => {
    await boss.start();
    await boss.createQueue(ORDER_RETRY_QUEUE, {
      name: ORDER_RETRY_QUEUE,
      // "short": at most one waiting job per singletonKey (the order), so sweeps add no duplicates.
      policy: "short",
      retryLimit: 3,
      retryDelay: 30,
      expireInSeconds: RETRY_JOB_EXPIRY_SECONDS,
    });
    await boss.createQueue(ORDER_SWEEP_QUEUE, { name: ORDER_SWEEP_QUEUE, policy: "short", retryLimit: 0 });
    await boss.createQueue(API_IDEMPOTENCY_EXPIRY_QUEUE, {
      name: API_IDEMPOTENCY_EXPIRY_QUEUE,
      policy: "short",
      retryLimit: 0,
    });
    await createMailQueue(boss);
    await createWebhookQueues(boss);
    // "stately": at most one evaluation waiting and one running, across all instances.
    await boss.createQueue(ALERTS_QUEUE, { name: ALERTS_QUEUE, policy: "stately", retryLimit: 0 });
    await boss.createQueue(SECTIGO_CALL_PRUNE_QUEUE, {
      name: SECTIGO_CALL_PRUNE_QUEUE,
      policy: "short",
      retryLimit: 2,
      retryDelay: 300,
    });
  });

  const enqueueRetry = async (orderId: string, at: Date): Promise<void> => {
    await boss.send(ORDER_RETRY_QUEUE, { orderId } satisfies RetryJob, {
      singletonKey: orderId,
      startAfter: at,
    });
  };

  const sweep = async (): Promise<SweepResult> => {
    // Answers journalled while the database was away go in before recovery looks at SUBMITTING.
    await replayJournal(prisma);
    const recovered = await recoverInterruptedSubmissions(prisma);
    // Retries due before the next sweep are queued too, each for its own time: after a restart
    // an order scheduled a few seconds ahead is not left waiting for the next minute's sweep.
    const due = await listDueRetries(prisma, new Date(Date.now() + SWEEP_HORIZON_MS));
    for (const order of due) await enqueueRetry(order.id, order.nextRetryAt ?? new Date());
    return { recovered: recovered.length, enqueued: due.length };
  };

  // Each job's log lines carry the job's id as their request id (lib/observability).
  const retryOne = (job: PgBoss.Job<RetryJob>): Promise<void> =>
    runWithRequestId(`job-${job.id}`, async () => {
      const run = await runDueRetry(prisma, job.data.orderId);
      // A wake-up that came early (the order was rescheduled since) asks again for the new time.
      if (run.outcome === "not-due") await enqueueRetry(job.data.orderId, run.nextRetryAt);
      logger.debug({ orderId: job.data.orderId, run }, "automatic retry job done");
    });
  // pg-boss 10 waits out the polling interval after every fetch, so one job per fetch would let
  // a backlog (after a CA outage) drain at one order per interval and worker. Each fetch takes a
  // batch and sends its orders side by side; a job that fails is failed on its own (pg-boss
  // retries it later) and the rest of the batch completes.
  const work = async (jobs: PgBoss.Job<RetryJob>[]): Promise<void> => {
    const results = await Promise.allSettled(jobs.map(retryOne));
    await Promise.all(
      results.map((result, i) =>
        result.status === "rejected"
          ? boss.fail(ORDER_RETRY_QUEUE, jobs[i]!.id, { message: String(result.reason) })
          : undefined,
      ),
    );
  };
  for (let i = 0; i < Math.max(1, options.concurrency ?? 2); i++) {
    await boss.work<RetryJob>(
      ORDER_RETRY_QUEUE,
      { pollingIntervalSeconds, batchSize: RETRY_BATCH_SIZE },
      work,
    );
  }
  await boss.work(ORDER_SWEEP_QUEUE, { pollingIntervalSeconds }, async ([job]) =>
    runWithRequestId(`job-${job?.id ?? "sweep"}`, async () => {
      const result = await sweep();
      if (result.recovered || result.enqueued) logger.info(result, "order sweep");
    }),
  );
  // Every minute, on one instance at a time (pg-boss's cron sends one job per tick).
  await boss.schedule(ORDER_SWEEP_QUEUE, "* * * * *");
  await boss.work(API_IDEMPOTENCY_EXPIRY_QUEUE, { pollingIntervalSeconds }, async ([job]) =>
    runWithRequestId(`job-${job?.id ?? "idempotency-expiry"}`, async () => {
      const deleted = await expireIdempotencyKeys(prisma);
      if (deleted) logger.info({ deleted }, "expired API idempotency keys");
    }),
  );
  await boss.schedule(API_IDEMPOTENCY_EXPIRY_QUEUE, "17 * * * *");

  // Alerts: every ALERT_EVALUATE_SECONDS, each evaluation queueing the next (the cron every minute
  // restarts the chain should a job be lost); evaluateAlerts itself lets only one run at a time.
  const evaluateSeconds = env().ALERT_EVALUATE_SECONDS;
  await boss.work(
    ALERTS_QUEUE,
    { pollingIntervalSeconds: Math.min(pollingIntervalSeconds, evaluateSeconds) },
    async ([job]) =>
      runWithRequestId(`job-${job?.id ?? "alerts"}`, async () => {
        try {
          await evaluateAlerts(prisma);
        } finally {
          await boss.send(ALERTS_QUEUE, {}, { startAfter: new Date(Date.now() + evaluateSeconds * 1000) });
        }
      }),
  );
  await boss.schedule(ALERTS_QUEUE, "* * * * *");
  await boss.send(ALERTS_QUEUE, {});
  await boss.work(SECTIGO_CALL_PRUNE_QUEUE, { pollingIntervalSeconds }, async ([job]) =>
    runWithRequestId(`job-${job?.id ?? "prune"}`, async () => {
      const deleted = await pruneSectigoCalls(prisma, env().SECTIGO_CALL_RETENTION_DAYS);
      if (deleted) logger.info({ deleted }, "old Sectigo call records deleted");
    }),
  );
  await boss.schedule(SECTIGO_CALL_PRUNE_QUEUE, "17 3 * * *");

  const stopListening = await listenForRetries(handle, enqueueRetry);
  const mail = await startMailWorker(boss, handle, { pollingIntervalSeconds, ...options.mail });
  const webhooks = await startWebhookWorker(boss, handle, { pollingIntervalSeconds, ...options.webhooks });
  const initial = await sweep();
  const status = startStatusTicker(
    prisma,
    () => sectigoClientFromEnv(),
    trackingSettings(),
    env().STATUS_TICK_SECONDS,
  );
  logger.info({ database: handle.kind, ...initial }, "job runner started");

  return {
    enqueueRetry,
    sweep,
    status,
    mail,
    webhooks,
    async stop() {
      await status.stop();
      await mail.stop();
      await webhooks.stop();
      await stopListening();
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
