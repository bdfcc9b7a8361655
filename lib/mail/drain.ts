import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { claimDueMails, release, sendClaimed, type MailSendOptions, type SendResult } from "@/lib/mail/send";

// One run of the mail worker over the outbox (lib/mail/worker.ts runs it per job), and the
// retention of ended mails.

export interface DrainResult {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  /** When the next row becomes due (a retry or a lease), if any. */
  nextDueAt: Date | null;
}

/** Sends every due mail, batch by batch, until none is due. */
export async function drainOutbox(prisma: PrismaClient, options: MailSendOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, skipped: 0, retried: 0, failed: 0, nextDueAt: null };
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
      if (sent.outcome === "skipped") result.skipped += 1;
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

/**
 * Deletes sent, skipped and given-up mails older than `days` (their data was erased when they
 * ended), and demo-caught messages as old, which hold whole mails, links included.
 */
export async function purgeOldMails(prisma: PrismaClient, days: number, now = new Date()): Promise<number> {
  await prisma.caughtMail.deleteMany({
    where: { receivedAt: { lt: new Date(now.getTime() - days * 86_400_000) } },
  });
  const { count } = await prisma.mailOutbox.deleteMany({
    where: {
      status: { in: ["SENT", "FAILED", "SKIPPED"] },
      createdAt: { lt: new Date(now.getTime() - days * 86_400_000) },
    },
  });
  return count;
}
