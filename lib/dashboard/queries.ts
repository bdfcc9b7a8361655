import "server-only";
import { ADMIN, assertRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { SUPPORT_QUEUE } from "@/lib/orders/model/transitions";
import type { SessionUser } from "@/lib/users/data";
import { boundsOf, type DashboardPeriod } from "./filters";

// The admin dashboard's numbers: each one aggregate in PostgreSQL over the period (UTC days),
// never rows in JavaScript. Orders count from their creation, drafts excepted; the funnel from
// their placing at Sectigo. Admins only.

const ts = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;
const productIs = (period: DashboardPeriod, column: Prisma.Sql) =>
  period.product ? Prisma.sql`${column} = ${period.product}` : Prisma.sql`TRUE`;

export interface OrdersByDay {
  day: string;
  status: string;
  /** Null for drafts saved before a product was chosen (never counted: drafts are left out). */
  productCode: number | null;
  orders: number;
}

/** Orders created per day, by status and product (drafts left out). */
export async function ordersByDay(user: SessionUser, period: DashboardPeriod): Promise<OrdersByDay[]> {
  assertRole(user, ADMIN, "see the dashboard");
  const { start, end } = boundsOf(period);
  const prisma = await db();
  return prisma.$queryRaw<OrdersByDay[]>`
    SELECT to_char(date_trunc('day', o."createdAt"), 'YYYY-MM-DD') AS "day", o."status"::text AS "status",
      o."productCode", count(*)::int AS "orders"
    FROM "Order" o
    WHERE o."createdAt" >= ${ts(start)} AND o."createdAt" < ${ts(end)} AND o."status" <> 'DRAFT'
      AND ${productIs(period, Prisma.sql`o."productCode"`)}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
}

export interface FunnelRow {
  productCode: number;
  placed: number;
  validated: number;
  issued: number;
  /** Median seconds from placing to validation complete, and from there to issue; null: none yet. */
  placedToValidatedS: number | null;
  validatedToIssuedS: number | null;
}

/**
 * Orders placed in the period, per product: how many were validated (every checklist step done
 * or not required, as the status checks recorded it; an issued certificate counts as validated
 * when issued), how many issued, and the median time of each step.
 */
export async function funnel(user: SessionUser, period: DashboardPeriod): Promise<FunnelRow[]> {
  assertRole(user, ADMIN, "see the dashboard");
  const { start, end } = boundsOf(period);
  const prisma = await db();
  const rows = await prisma.$queryRaw<
    (Omit<FunnelRow, "placedToValidatedS" | "validatedToIssuedS"> & {
      pv: number | null;
      vi: number | null;
    })[]
  >`
    WITH placed AS MATERIALIZED (
      SELECT o."id", o."productCode", o."placedAt" FROM "Order" o
      WHERE o."placedAt" >= ${ts(start)} AND o."placedAt" < ${ts(end)} AND o."productCode" IS NOT NULL
        AND ${productIs(period, Prisma.sql`o."productCode"`)}
    ), steps AS (
      -- Events of orders placed in the period come after its start: one pass over those, joined.
      SELECT e."orderId",
        max(e."at") FILTER (WHERE e."kind" = 'checklist_changed'
          AND e."data"->>'state' IN ('done', 'not_required')) AS "checked",
        min(e."at") FILTER (WHERE e."kind" = 'issued') AS "issuedAt"
      FROM "OrderEvent" e
      WHERE e."kind" IN ('checklist_changed', 'issued') AND e."at" >= ${ts(start)}
      GROUP BY 1
    ), timed AS (
      SELECT p."productCode", p."placedAt", s."issuedAt", LEAST(s."checked", s."issuedAt") AS "validatedAt"
      FROM placed p LEFT JOIN steps s ON s."orderId" = p."id"
    )
    SELECT "productCode", count(*)::int AS "placed", count("validatedAt")::int AS "validated",
      count("issuedAt")::int AS "issued",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "validatedAt" - "placedAt"))
        FILTER (WHERE "validatedAt" IS NOT NULL) AS "pv",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "issuedAt" - "validatedAt"))
        FILTER (WHERE "issuedAt" IS NOT NULL) AS "vi"
    FROM timed GROUP BY 1 ORDER BY 1`;
  return rows.map(({ pv, vi, ...row }) => ({
    ...row,
    placedToValidatedS: pv === null ? null : Math.round(Number(pv)),
    validatedToIssuedS: vi === null ? null : Math.round(Number(vi)),
  }));
}

export interface QueueByDay {
  day: string;
  /** The order's status as it entered the queue: the reason it waits for support. */
  reason: string;
  entries: number;
}

/** Orders entering the support queue per day, by reason. */
export async function supportQueueByDay(user: SessionUser, period: DashboardPeriod): Promise<QueueByDay[]> {
  assertRole(user, ADMIN, "see the dashboard");
  const { start, end } = boundsOf(period);
  const prisma = await db();
  return prisma.$queryRaw<QueueByDay[]>`
    SELECT to_char(date_trunc('day', q."at"), 'YYYY-MM-DD') AS "day", q."status"::text AS "reason",
      count(*)::int AS "entries"
    FROM "SupportQueueEntry" q JOIN "Order" o ON o."id" = q."orderId"
    WHERE q."at" >= ${ts(start)} AND q."at" < ${ts(end)} AND ${productIs(period, Prisma.sql`o."productCode"`)}
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

/** The support queue's reasons, in the queue's order. */
export const QUEUE_REASONS: readonly string[] = SUPPORT_QUEUE;

export interface CallsByDay {
  day: string;
  outcome: string;
  calls: number;
}

export interface EndpointLatency {
  endpoint: string;
  calls: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** The smallest duration in a latency bucket of the rollup (migration sectigo_call_rollup). */
export function bucketFloorMs(bucket: number): number {
  return bucket < 100 ? bucket : Math.round(100 * 1.02 ** (bucket - 100));
}

/**
 * Sectigo's answers per day by outcome, and latency percentiles per endpoint (all products),
 * from the daily rollup: percentiles by nearest rank over its buckets (exact below 100 ms, else
 * the bucket's lower bound, within 2 %).
 */
export async function sectigoCalls(
  user: SessionUser,
  period: DashboardPeriod,
): Promise<{ byDay: CallsByDay[]; latency: EndpointLatency[] }> {
  assertRole(user, ADMIN, "see the dashboard");
  const prisma = await db();
  const from = Prisma.sql`${period.from}::date`;
  const to = Prisma.sql`${period.to}::date`;
  const byDay = await prisma.$queryRaw<CallsByDay[]>`
    SELECT to_char(d."day", 'YYYY-MM-DD') AS "day", d."outcome", sum(d."calls")::int AS "calls"
    FROM "SectigoCallDay" d WHERE d."day" >= ${from} AND d."day" <= ${to}
    GROUP BY 1, 2 ORDER BY 1, 2`;
  const latency = await prisma.$queryRaw<
    { endpoint: string; calls: number; p50: number; p95: number; p99: number }[]
  >`
    WITH h AS (
      SELECT d."endpoint", d."bucket", sum(d."calls") AS "n"
      FROM "SectigoCallDay" d WHERE d."day" >= ${from} AND d."day" <= ${to}
      GROUP BY 1, 2
    ), c AS (
      SELECT h.*, sum(h."n") OVER (PARTITION BY h."endpoint" ORDER BY h."bucket") AS "cum",
        sum(h."n") OVER (PARTITION BY h."endpoint") AS "total"
      FROM h
    )
    SELECT c."endpoint", max(c."total")::int AS "calls",
      min(c."bucket") FILTER (WHERE c."cum" >= ceil(0.5 * c."total")) AS "p50",
      min(c."bucket") FILTER (WHERE c."cum" >= ceil(0.95 * c."total")) AS "p95",
      min(c."bucket") FILTER (WHERE c."cum" >= ceil(0.99 * c."total")) AS "p99"
    FROM c GROUP BY 1 ORDER BY 1`;
  return {
    byDay,
    latency: latency.map((r) => ({
      endpoint: r.endpoint,
      calls: r.calls,
      p50Ms: bucketFloorMs(r.p50),
      p95Ms: bucketFloorMs(r.p95),
      p99Ms: bucketFloorMs(r.p99),
    })),
  };
}

export interface ExpiringByMonth {
  month: string;
  productCode: number | null;
  certificates: number;
}

/** How many months ahead the expiry chart looks (from the period's first day). */
export const EXPIRY_MONTHS = 12;

/** Certificates expiring per month, by product, from the month the period starts. */
export async function expiringByMonth(
  user: SessionUser,
  period: DashboardPeriod,
): Promise<ExpiringByMonth[]> {
  assertRole(user, ADMIN, "see the dashboard");
  const prisma = await db();
  const start = new Date(`${period.from.slice(0, 7)}-01T00:00:00Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + EXPIRY_MONTHS, 1));
  return prisma.$queryRaw<ExpiringByMonth[]>`
    SELECT to_char(date_trunc('month', c."notAfter"), 'YYYY-MM') AS "month", o."productCode",
      count(*)::int AS "certificates"
    FROM "Certificate" c JOIN "Order" o ON o."id" = c."orderId"
    WHERE c."notAfter" >= ${ts(start)} AND c."notAfter" < ${ts(end)} AND o."status" = 'ISSUED'
      AND ${productIs(period, Prisma.sql`o."productCode"`)}
    GROUP BY 1, 2 ORDER BY 1, 2`;
}
