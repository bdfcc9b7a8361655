import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { mailFrom, smtpUrl } from "@/lib/mail/config";
import { renderMail } from "@/lib/mail/render";
import {
  describeSmtpError,
  isConnectionFailure,
  isPermanentRefusal,
  transportFor,
} from "@/lib/mail/transport";

// Sending the outbox. A row is claimed by one conditional UPDATE (FOR UPDATE SKIP LOCKED, so
// instances never take the same row) that sets SENDING, a lease and attempts+1; the attempt
// number is the claim's token, so only the claimant's answer is recorded.
//
// Delivery is at-least-once with a small window, stated honestly: a worker that dies after
// connecting but before the server accepted the message's final dot leaves nothing at the server,
// and the row is sent again once its lease runs out. A worker that dies in the moment between the
// server's "250 queued" and the UPDATE to SENT (one local statement) causes a second delivery
// after the lease; both copies carry the row's one Message-ID, which mail clients use to fold
// duplicates. The lease is far longer than a send can take (see SEND_TIMEOUTS), so a slow live
// worker is never overtaken by a second one.

export interface MailSendOptions {
  /** How long a claim holds before another worker may retry the row. */
  leaseMs: number;
  /** Back-off after a failed try: base × 2^(attempt-1), at most maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Tries before a mail is given up (FAILED). */
  maxAttempts: number;
  batchSize: number;
}

export const DEFAULT_SEND_OPTIONS: MailSendOptions = {
  leaseMs: 10 * 60_000,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 12,
  batchSize: 20,
};

interface ClaimedRow {
  id: string;
  recipient: string;
  userId: string | null;
  template: string;
  locale: string;
  data: unknown;
  attempts: number;
  messageId: string;
}

const ts = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

export async function claimDueMails(prisma: PrismaClient, options: MailSendOptions, now = new Date()) {
  const leaseUntil = new Date(now.getTime() + options.leaseMs);
  return prisma.$queryRaw<ClaimedRow[]>`
    WITH due AS (
      SELECT "id" FROM "MailOutbox"
      WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= ${ts(now)})
         OR ("status" = 'SENDING' AND "leaseUntil" < ${ts(now)})
      ORDER BY "nextAttemptAt"
      LIMIT ${options.batchSize}::int
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "MailOutbox" m SET "status" = 'SENDING', "attempts" = m."attempts" + 1, "leaseUntil" = ${ts(leaseUntil)}
    FROM due WHERE m."id" = due."id"
    RETURNING m."id", m."recipient", m."userId", m."template", m."locale", m."data", m."attempts", m."messageId"`;
}

export type SendResult =
  { outcome: "sent" | "failed" | "released" } | { outcome: "retry"; retryAt: Date; serverDown: boolean };

const claimOf = (row: ClaimedRow) => ({ id: row.id, status: "SENDING" as const, attempts: row.attempts });

/** Sends one claimed row and records the answer (only while the claim is still ours). */
export async function sendClaimed(
  prisma: PrismaClient,
  row: ClaimedRow,
  options: MailSendOptions,
): Promise<SendResult> {
  const url = smtpUrl();
  try {
    if (!url)
      throw Object.assign(new Error("the demo mail catcher is not running yet"), { code: "ECONNECTION" });
    const mail = renderMail({
      template: row.template,
      locale: row.locale,
      data: row.data,
      userId: row.userId,
    });
    await transportFor(url).sendMail({
      from: mailFrom(),
      to: row.recipient,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: row.messageId,
      headers: { "Auto-Submitted": "auto-generated" },
    });
  } catch (error) {
    return recordFailure(prisma, row, options, error);
  }
  // The crash window: keep this the very next statement after the server's 250.
  await prisma.mailOutbox.updateMany({
    where: claimOf(row),
    data: { status: "SENT", sentAt: new Date(), leaseUntil: null, lastError: null, data: Prisma.DbNull },
  });
  logger.info({ mailId: row.id, template: row.template, attempt: row.attempts }, "mail sent");
  return { outcome: "sent" };
}

async function recordFailure(
  prisma: PrismaClient,
  row: ClaimedRow,
  options: MailSendOptions,
  error: unknown,
): Promise<SendResult> {
  const lastError = describeSmtpError(error);
  if (
    isPermanentRefusal(error) ||
    row.attempts >= options.maxAttempts ||
    !(error as { code?: string }).code
  ) {
    // Refused for good, tried enough, or not an SMTP error at all (a template that no longer renders).
    await prisma.mailOutbox.updateMany({
      where: claimOf(row),
      data: { status: "FAILED", leaseUntil: null, lastError, data: Prisma.DbNull },
    });
    logger.error(
      { mailId: row.id, template: row.template, attempt: row.attempts, err: lastError },
      "mail given up",
    );
    return { outcome: "failed" };
  }
  const delay = Math.min(options.baseDelayMs * 2 ** (row.attempts - 1), options.maxDelayMs);
  const retryAt = new Date(Date.now() + delay);
  await prisma.mailOutbox.updateMany({
    where: claimOf(row),
    data: { status: "PENDING", leaseUntil: null, lastError, nextAttemptAt: retryAt },
  });
  logger.warn(
    { mailId: row.id, attempt: row.attempts, retryInMs: delay, err: lastError },
    "mail not sent; will retry",
  );
  return { outcome: "retry", retryAt, serverDown: isConnectionFailure(error) };
}

/** Gives a claimed row back untried (the server is down: no point trying the rest of a batch now). */
async function release(prisma: PrismaClient, row: ClaimedRow, at: Date): Promise<SendResult> {
  await prisma.mailOutbox.updateMany({
    where: claimOf(row),
    data: { status: "PENDING", leaseUntil: null, attempts: row.attempts - 1, nextAttemptAt: at },
  });
  return { outcome: "released" };
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  /** When the next row becomes due (a retry or a lease), if any. */
  nextDueAt: Date | null;
}

/** Sends every due mail, batch by batch, until none is due. */
export async function drainOutbox(prisma: PrismaClient, options: MailSendOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, nextDueAt: null };
  for (;;) {
    const rows = await claimDueMails(prisma, options);
    if (rows.length === 0) break;
    let downUntil: Date | null = null;
    for (const row of rows) {
      // The server is down: the rest of the batch waits as long as the mail that found out.
      if (downUntil) {
        await release(prisma, row, downUntil);
        continue;
      }
      const sent = await sendClaimed(prisma, row, options).catch((error: unknown): SendResult => {
        // The database failed under us: the lease brings the row back.
        logger.warn({ mailId: row.id, err: (error as Error).message }, "mail state not recorded");
        return { outcome: "released" };
      });
      if (sent.outcome === "sent") result.sent += 1;
      if (sent.outcome === "failed") result.failed += 1;
      if (sent.outcome === "retry") {
        result.retried += 1;
        if (sent.serverDown) downUntil = sent.retryAt;
      }
    }
    if (downUntil) break;
  }
  result.nextDueAt = await nextDueAt(prisma);
  return result;
}

/** The earliest time a waiting or stuck row becomes due. */
export async function nextDueAt(prisma: PrismaClient): Promise<Date | null> {
  const [pending, stuck] = await Promise.all([
    prisma.mailOutbox.findFirst({
      where: { status: "PENDING" },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    }),
    prisma.mailOutbox.findFirst({
      where: { status: "SENDING" },
      orderBy: { leaseUntil: "asc" },
      select: { leaseUntil: true },
    }),
  ]);
  const times = [pending?.nextAttemptAt, stuck?.leaseUntil].filter((t): t is Date => t instanceof Date);
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}

/** Deletes sent and given-up mails older than `days` (their bodies were erased when they ended). */
export async function purgeOldMails(prisma: PrismaClient, days: number, now = new Date()): Promise<number> {
  const { count } = await prisma.mailOutbox.deleteMany({
    where: {
      status: { in: ["SENT", "FAILED"] },
      createdAt: { lt: new Date(now.getTime() - days * 86_400_000) },
    },
  });
  return count;
}
