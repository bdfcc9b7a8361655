import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { visibleOrders } from "@/lib/orders/queries/access";

/** The reminder steps: a certificate is listed from 90 days before it expires. */
export const EXPIRY_STEPS_DAYS = [90, 60, 30, 7] as const;

/** The smallest step the certificate is within (7 when 5 days are left), or null. */
export function expiryStep(notAfter: Date, now = new Date()): (typeof EXPIRY_STEPS_DAYS)[number] | null {
  const days = (notAfter.getTime() - now.getTime()) / 86_400_000;
  let step: (typeof EXPIRY_STEPS_DAYS)[number] | null = null;
  for (const s of EXPIRY_STEPS_DAYS) if (days <= s) step = s;
  return step;
}

/**
 * Issued certificates the user may see that expire within 90 days (or expired in the last 30),
 * soonest first, each with its renewal order if one was started. Customers: their own; staff: all.
 */
export async function listExpiring(user: SessionUser, take = 50, now = new Date()) {
  const prisma = await db();
  const rows = await prisma.order.findMany({
    where: visibleOrders(user, {
      status: "ISSUED",
      certificate: {
        notAfter: {
          lte: new Date(now.getTime() + EXPIRY_STEPS_DAYS[0] * 86_400_000),
          gte: new Date(now.getTime() - 30 * 86_400_000),
        },
      },
    }),
    orderBy: { certificate: { notAfter: "asc" } },
    take,
    select: {
      id: true,
      externalOrderNumber: true,
      productCode: true,
      commonName: true,
      organizationName: true,
      owner: { select: { email: true } },
      certificate: { select: { notAfter: true } },
      renewals: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, status: true, externalOrderNumber: true },
      },
    },
  });
  return rows.map((row) => ({
    ...row,
    notAfter: row.certificate!.notAfter,
    step: expiryStep(row.certificate!.notAfter, now),
    renewal: row.renewals[0] ?? null,
  }));
}
