import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { queueMail } from "@/lib/mail/outbox";
import { queueExpiringWebhooks } from "@/lib/webhooks/expiring";

// Expiry reminders: each issued certificate gets one mail per threshold it has reached, keyed by
// certificate and threshold, so however many instances run this (pg-boss's cron, a restart, a
// late run) each reminder is queued once. Only the latest threshold reached is sent: a portal
// that was down at the 90-day mark and runs again at 45 days sends the 60-day one, not both.

export const REMINDER_DAYS = [90, 60, 30, 7, 1] as const;
const DAY_MS = 86_400_000;
/** The "has expired" reminder is still sent this long after expiry (a portal down that day). */
const EXPIRED_GRACE_DAYS = 7;

/** The threshold `notAfter` has reached at `now` (0: expired), or null before the first. */
export function reminderThreshold(notAfter: Date, now: Date): number | null {
  const left = (notAfter.getTime() - now.getTime()) / DAY_MS;
  if (left <= 0) return left > -EXPIRED_GRACE_DAYS ? 0 : null;
  const reached = REMINDER_DAYS.filter((days) => left <= days);
  return reached.length ? Math.min(...reached) : null;
}

/** Queues the reminders due at `now`; returns how many were new. */
export async function queueExpiryReminders(prisma: PrismaClient, now = new Date()): Promise<number> {
  const certificates = await prisma.certificate.findMany({
    where: {
      notAfter: {
        lte: new Date(now.getTime() + REMINDER_DAYS[0] * DAY_MS),
        gt: new Date(now.getTime() - EXPIRED_GRACE_DAYS * DAY_MS),
      },
      order: {
        status: "ISSUED",
        // A renewal already issued or on its way makes the reminder moot.
        renewals: { none: { status: { in: ["ISSUED", "PLACED", "SUBMITTING", "NEEDS_RECONCILIATION"] } } },
      },
    },
    select: {
      orderId: true,
      notAfter: true,
      order: {
        select: {
          externalOrderNumber: true,
          commonName: true,
          organizationName: true,
          test: true,
          owner: { select: { id: true, email: true, disabled: true } },
        },
      },
    },
  });
  let queued = 0;
  for (const certificate of certificates) {
    const days = reminderThreshold(certificate.notAfter, now);
    const { order } = certificate;
    if (days === null) continue;
    // The organization's integrations hear of it whoever the owner is (lib/webhooks).
    await queueExpiringWebhooks(prisma, certificate.orderId, days, certificate.notAfter);
    if (order.owner.disabled) continue;
    const fresh = await queueMail(prisma, {
      to: order.owner.email,
      userId: order.owner.id,
      template: "expiry-reminder",
      dedupeKey: `expiry:${certificate.orderId}:${days}`,
      data: {
        orderId: certificate.orderId,
        orderNumber: order.externalOrderNumber,
        label: order.commonName ?? order.organizationName ?? "",
        test: order.test,
        days,
        notAfter: certificate.notAfter.toISOString(),
      },
    });
    if (fresh) queued += 1;
  }
  return queued;
}
