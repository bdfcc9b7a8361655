import "server-only";
import { ADMIN, assertRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AdminOrderFilters } from "@/lib/orders/model/search-params";
import { adminConditions } from "@/lib/orders/queries/search-conditions";
import { allOf } from "@/lib/orders/queries/search-sql";
import type { SessionUser } from "@/lib/users/data";

// Measured on the 1,000,000-order history (npm run seed-history): 12 months are 434,000 orders
// and take 0.6 s to sum, six months (253,000) 0.2 s, a filtered set (one product, placed) 20 ms.
// A covering index (createdAt INCLUDE the amounts) halved the unfiltered sum but slowed the
// filtered ones, so there is none.
/** Without a "from" date, how many months the sums go back (newest first). */
export const SUM_MONTHS = 6;

export interface PeriodSum {
  /** "2026-12" (UTC month of the order's creation). */
  month: string;
  currency: string | null;
  orders: number;
  /** Orders with a stored quote, and with both quote and cost (the margin's base). */
  quoted: number;
  withMargin: number;
  net: string | null;
  cost: string | null;
  margin: string | null;
}

/**
 * Quoted net, Sectigo's cost and margin summed per month for the orders matching the admin's
 * filters: one aggregate in PostgreSQL over the same conditions as the list (never rows in
 * JavaScript), over the last SUM_MONTHS months unless the filters give a start date. Sums are exact (numeric);
 * a currency per row, so an admin pricing in two currencies sees two rows for a month. The
 * margin sums only orders that have both a quote and a cost. Admins only.
 */
export async function adminPeriodSums(user: SessionUser, filters: AdminOrderFilters): Promise<PeriodSum[]> {
  assertRole(user, ADMIN, "see margins");
  const prisma = await db();
  const { where, search } = await adminConditions(prisma, filters);
  const conditions = search ? [...where, search] : where;
  // Bounded by default so the page's aggregate stays a range over the createdAt index; a "from"
  // filter of the admin's own replaces the bound.
  const recent = filters.from
    ? Prisma.sql`TRUE`
    : Prisma.sql`o."createdAt" >= date_trunc('month', (now() AT TIME ZONE 'UTC')) - ${`${SUM_MONTHS - 1} months`}::interval`;
  const rows = await prisma.$queryRaw<
    {
      month: string;
      currency: string | null;
      orders: number;
      quoted: number;
      withMargin: number;
      net: Prisma.Decimal | null;
      cost: Prisma.Decimal | null;
      margin: Prisma.Decimal | null;
    }[]
  >`
    WITH months AS (
      SELECT date_trunc('month', o."createdAt") AS month, o."quoteCurrency" AS currency,
        count(*)::int AS orders,
        count(o."quoteNet")::int AS quoted,
        (count(*) FILTER (WHERE o."quoteNet" IS NOT NULL AND o."totalCost" IS NOT NULL))::int AS "withMargin",
        sum(o."quoteNet") AS net,
        sum(o."totalCost") AS cost,
        sum(o."quoteNet" - o."totalCost") AS margin
      FROM "Order" o
      WHERE ${allOf(conditions)}
        AND ${recent}
      GROUP BY 1, 2
    )
    SELECT to_char(month, 'YYYY-MM') AS month, currency, orders, quoted, "withMargin", net, cost, margin
    FROM months ORDER BY months.month DESC, currency NULLS LAST`;
  return rows.map((row) => ({
    ...row,
    net: row.net?.toFixed(2) ?? null,
    cost: row.cost?.toFixed(2) ?? null,
    margin: row.margin?.toFixed(2) ?? null,
  }));
}
