import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Queues "order.expiring" for the order's subscribed endpoints, once per endpoint and reminder
 * threshold (the expiry job may find it due again, on any instance): the same thresholds as the
 * owner's reminder mail (lib/mail/expiry.ts), which calls this.
 */
export async function queueExpiringWebhooks(
  writer: PrismaClient | Prisma.TransactionClient,
  orderId: string,
  daysLeft: number,
  notAfter: Date,
): Promise<void> {
  const extra = JSON.stringify({ daysLeft, notAfter: notAfter.toISOString() });
  await writer.$executeRaw`SELECT "portal_webhook_queue"(${orderId}, 'order.expiring', ${extra}::jsonb, ${`expiring:${orderId}:${daysLeft}`})`;
}
