import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { mailDomain, mailFrom, portalUrl, smtpUrl } from "@/lib/mail/config";
import { hasOptedOut } from "@/lib/mail/preferences";
import { signPreferencesToken } from "@/lib/mail/preferences-token";
import { renderMail } from "@/lib/mail/render";
import { getTemplate } from "@/lib/mail/templates";
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

export interface ClaimedRow {
  id: string;
  recipient: string;
  userId: string | null;
  template: string;
  locale: string;
  data: unknown;
  attempts: number;
  /** Set by the claim for every row. */
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
    UPDATE "MailOutbox" m SET "status" = 'SENDING', "attempts" = m."attempts" + 1, "leaseUntil" = ${ts(leaseUntil)},
      "messageId" = COALESCE(m."messageId", '<' || m."id" || '@' || ${mailDomain()}::text || '>')
    FROM due WHERE m."id" = due."id"
    RETURNING m."id", m."recipient", m."userId", m."template", m."locale", m."data", m."attempts", m."messageId"`;
}

export type SendResult =
  | { outcome: "sent" | "failed" | "released" | "skipped" }
  | { outcome: "retry"; retryAt: Date; serverDown: boolean };

const claimOf = (row: ClaimedRow) => ({ id: row.id, status: "SENDING" as const, attempts: row.attempts });

/** Sends one claimed row and records the answer (only while the claim is still ours). */
export async function sendClaimed(
  prisma: PrismaClient,
  row: ClaimedRow,
  options: MailSendOptions,
): Promise<SendResult> {
  const url = smtpUrl();
  const preference = getTemplate(row.template)?.preference;
  if (preference && row.userId && (await hasOptedOut(prisma, row.userId, preference))) {
    await prisma.mailOutbox.updateMany({
      where: claimOf(row),
      data: { status: "SKIPPED", leaseUntil: null, data: Prisma.DbNull },
    });
    return { outcome: "skipped" };
  }
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
      headers: {
        "Auto-Submitted": "auto-generated",
        ...(preference && row.userId ? unsubscribeHeaders(row.userId, preference) : {}),
      },
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

/** RFC 8058: mail clients offer "unsubscribe", which POSTs to the URL and turns this kind off. */
function unsubscribeHeaders(userId: string, kind: string): Record<string, string> {
  const token = encodeURIComponent(signPreferencesToken(userId));
  return {
    "List-Unsubscribe": `<${portalUrl()}/api/mail/unsubscribe?token=${token}&kind=${encodeURIComponent(kind)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
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
export async function release(prisma: PrismaClient, row: ClaimedRow, at: Date): Promise<SendResult> {
  await prisma.mailOutbox.updateMany({
    where: claimOf(row),
    data: { status: "PENDING", leaseUntil: null, attempts: row.attempts - 1, nextAttemptAt: at },
  });
  return { outcome: "released" };
}
