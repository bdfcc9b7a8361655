import "server-only";
import type PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/lib/db/open";
import { listenOnChannel } from "@/lib/jobs/retry-wakeups";
import { logger } from "@/lib/log";
import { queueExpiryReminders } from "@/lib/mail/expiry";
import { drainOutbox, purgeOldMails } from "@/lib/mail/drain";
import { DEFAULT_SEND_OPTIONS, type MailSendOptions } from "@/lib/mail/send";
import { runWithRequestId } from "@/lib/observability/request-context.mjs";

// The mail worker on pg-boss. A job on MAIL_QUEUE means "look at the outbox now": sending is
// decided by the outbox rows alone (lib/mail/send.ts), never by the job. Jobs come from
//  - the MailOutbox_queued trigger's NOTIFY after a commit (any instance), at once;
//  - a retry's back-off time, sent as a delayed job after a drain that left rows waiting;
//  - the cron every minute (one instance per tick), which also deletes old mails.
// "short" policy with a singletonKey: at most one waiting job per key, so a burst of commits is
// one drain, not one per mail.

export const MAIL_QUEUE = "mail-send";
export const MAIL_CHANNEL = "mail_outbox_queued";
export const MAIL_EXPIRY_QUEUE = "mail-expiry";
/** Sent and given-up mails are deleted after this many days (their bodies on sending already). */
export const MAIL_RETENTION_DAYS = 30;

export type MailWorkerOptions = Partial<MailSendOptions> & { pollingIntervalSeconds?: number };

export interface MailWorker {
  /** Asks a worker (any instance) to look at the outbox now. */
  wake(): Promise<void>;
  stop(): Promise<void>;
}

/** The queue's DDL; run under the job runner's schema lock with the other queues. */
export async function createMailQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, policy: "short", retryLimit: 2, retryDelay: 5 });
  await boss.createQueue(MAIL_EXPIRY_QUEUE, {
    name: MAIL_EXPIRY_QUEUE,
    policy: "short",
    retryLimit: 2,
    retryDelay: 60,
  });
}

export async function startMailWorker(
  boss: PgBoss,
  handle: DatabaseHandle,
  options: MailWorkerOptions = {},
): Promise<MailWorker> {
  const sendOptions = { ...DEFAULT_SEND_OPTIONS, ...options };
  const prisma = handle.prisma;

  const wakeAt = async (at: Date): Promise<void> => {
    // One waiting job per second of due time: retries that fall due together share a drain.
    const second = Math.ceil(at.getTime() / 1000);
    await boss.send(MAIL_QUEUE, {}, { singletonKey: `at-${second}`, startAfter: new Date(second * 1000) });
  };

  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const workerId = await boss.work<{ purge?: boolean }>(
    MAIL_QUEUE,
    { pollingIntervalSeconds },
    async (jobs) =>
      runWithRequestId(`job-${jobs[0]?.id ?? "mail"}`, async () => {
        if (jobs.some((job) => job.data?.purge)) await purgeOldMails(prisma, MAIL_RETENTION_DAYS);
        const result = await drainOutbox(prisma, sendOptions);
        if (result.nextDueAt) await wakeAt(result.nextDueAt);
        if (result.sent || result.retried || result.failed) logger.debug(result, "mail outbox drained");
      }),
  );
  const wake = async (): Promise<void> => {
    await boss.send(MAIL_QUEUE, {}, { singletonKey: "now" });
    // pg-boss would only see the job at its next poll; a mail should leave at once.
    boss.notifyWorker(workerId);
  };
  // The minute's sweep (one instance per tick) also deletes mails past their retention.
  await boss.schedule(MAIL_QUEUE, "* * * * *", { purge: true });
  // Expiry reminders once an hour (one instance per tick; each reminder is keyed, so a second run
  // anywhere adds nothing).
  await boss.work(MAIL_EXPIRY_QUEUE, { pollingIntervalSeconds }, async () => {
    const queued = await queueExpiryReminders(prisma);
    if (queued) logger.info({ queued }, "expiry reminders queued");
  });
  await boss.schedule(MAIL_EXPIRY_QUEUE, "17 * * * *");
  // And once at start, so a portal that was down at its hour catches up at once.
  await boss.send(MAIL_EXPIRY_QUEUE, {}, { singletonKey: "start" });
  const stopListening = await listenOnChannel(handle, MAIL_CHANNEL, () => {
    wake().catch((error: unknown) =>
      logger.warn({ err: (error as Error).message }, "could not wake the mail worker; the sweep will"),
    );
  });
  await wake();
  return {
    wake,
    async stop() {
      await stopListening();
    },
  };
}
