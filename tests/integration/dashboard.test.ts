import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { periodOf, type DashboardPeriod } from "@/lib/dashboard/filters";
import {
  expiringByMonth,
  funnel,
  ordersByDay,
  sectigoCalls,
  supportQueueByDay,
} from "@/lib/dashboard/queries";
import { adminPeriodSums } from "@/lib/orders/queries/search-sums";
import type { SessionUser } from "@/lib/users/data";
import { createTestDatabase, newUser, seedOrders, type TestDatabase } from "@/tests/support/order-history";

// The admin dashboard's numbers against plain SQL counts over a seeded history (one month of
// orders in every state and product, with placing times, validation and issue events,
// certificates, quotes, support-queue entries and Sectigo calls), in a database of its own.

let database: TestDatabase;
let admin: SessionUser;
let support: SessionUser;
const period: DashboardPeriod = { from: "2026-03-01", to: "2026-03-31" };

beforeAll(async () => {
  database = await createTestDatabase("dashboard_test");
  admin = await newUser("ADMIN");
  support = await newUser("SUPPORT");
  const owners = [await newUser("CUSTOMER"), await newUser("CUSTOMER")];
  await seedOrders(owners, 200);
  const q = database.query.bind(database);
  // Orders that reached Sectigo were placed an hour after their creation.
  await q(
    `UPDATE "Order" SET "placedAt" = "createdAt" + interval '1 hour' WHERE "sectigoOrderNumber" IS NOT NULL`,
  );
  // Validation done two hours after placing for every placed order of a product code that is odd,
  // and issued three hours after that for the ISSUED ones.
  await q(`INSERT INTO "OrderEvent" ("id", "orderId", "at", "kind", "summary", "data")
    SELECT 'ev-v-' || o."id", o."id", o."placedAt" + interval '2 hours', 'checklist_changed', 'done',
      jsonb_build_object('key', 'csr', 'state', 'done')
    FROM "Order" o WHERE o."placedAt" IS NOT NULL AND o."productCode" % 2 = 1`);
  await q(`INSERT INTO "OrderEvent" ("id", "orderId", "at", "kind", "summary", "data")
    SELECT 'ev-w-' || o."id", o."id", o."placedAt" + interval '1 hours', 'checklist_changed', 'waiting',
      jsonb_build_object('key', 'agreement', 'state', 'waiting_customer')
    FROM "Order" o WHERE o."placedAt" IS NOT NULL`);
  await q(`INSERT INTO "OrderEvent" ("id", "orderId", "at", "kind", "summary")
    SELECT 'ev-i-' || o."id", o."id", o."placedAt" + interval '5 hours', 'issued', 'issued'
    FROM "Order" o WHERE o."status" = 'ISSUED' AND o."productCode" IS NOT NULL`);
  await q(`INSERT INTO "Certificate" ("orderId", "certificatePem", "chainPem", "serialNumber", "subject", "issuer",
      "notBefore", "notAfter", "sha256")
    SELECT o."id", 'pem', '[]', 'serial-' || o."id", 'CN=x', 'CN=ca', o."createdAt", o."createdAt" + interval '90 days', 'sha'
    FROM "Order" o WHERE o."status" = 'ISSUED'`);
  // Quotes on every third order; Sectigo's cost is on the PLACED ones (seedOrders).
  await q(`UPDATE "Order" SET "quoteCurrency" = 'EUR', "quoteNet" = 150.00 + (length("id") % 7)
    WHERE "status" <> 'DRAFT' AND (ascii(right("externalOrderNumber", 3)) % 3) = 0`);
  // Two orders enter the support queue through the trigger; their entries are moved into March.
  await q(`UPDATE "Order" SET "status" = 'NEEDS_REVIEW' WHERE "id" IN
    (SELECT "id" FROM "Order" WHERE "status" = 'SUBMITTING' ORDER BY "createdAt" LIMIT 2)`);
  await q(`UPDATE "Order" SET "status" = 'OUTCOME_UNKNOWN' WHERE "id" IN
    (SELECT "id" FROM "Order" WHERE "status" = 'RETRY_SCHEDULED' ORDER BY "createdAt" LIMIT 3)`);
  await q(
    `UPDATE "SupportQueueEntry" e SET "at" = o."createdAt" + interval '3 hours' FROM "Order" o WHERE o."id" = e."orderId"`,
  );
  // Sectigo calls: 100 answers of 1..100 ms to !AutoApplyOrder on 10 March, failures on 11 March.
  await q(`INSERT INTO "SectigoCall" ("at", "endpoint", "outcome", "durationMs")
    SELECT timestamp '2026-03-10 12:00' + g * interval '1 second', 'autoApplyOrder', 'ok', g FROM generate_series(1, 100) g`);
  await q(`INSERT INTO "SectigoCall" ("at", "endpoint", "outcome", "httpStatus", "durationMs")
    SELECT timestamp '2026-03-11 12:00' + g * interval '1 second', 'detailedStatus', 'http-status', 503, 20
    FROM generate_series(1, 7) g`);
  // Slower answers, 200 ms to 10 s: their percentiles come from the rollup's 2 % buckets.
  await q(`INSERT INTO "SectigoCall" ("at", "endpoint", "outcome", "durationMs")
    SELECT timestamp '2026-03-12 12:00' + g * interval '1 second', 'collectEidas', 'ok', 200 * g FROM generate_series(1, 50) g`);
  // Outside the period: not counted.
  await q(
    `INSERT INTO "SectigoCall" ("at", "endpoint", "outcome", "durationMs") VALUES ('2026-04-01 00:00', 'autoApplyOrder', 'timeout', 9)`,
  );
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

const counts = async (sql: string) =>
  Object.fromEntries(
    (await database.query(sql)).rows.map((r: { k: string; n: number }) => [r.k, Number(r.n)]),
  );

describe("the admin dashboard's numbers", () => {
  test("orders per day by status and by product equal plain counts", async () => {
    const rows = await ordersByDay(admin, period);
    const byStatus: Record<string, number> = {};
    const byProduct: Record<string, number> = {};
    for (const r of rows) {
      byStatus[`${r.day} ${r.status}`] = (byStatus[`${r.day} ${r.status}`] ?? 0) + r.orders;
      byProduct[`${r.day} ${r.productCode}`] = (byProduct[`${r.day} ${r.productCode}`] ?? 0) + r.orders;
    }
    const march = `"createdAt" >= '2026-03-01' AND "createdAt" < '2026-04-01' AND status <> 'DRAFT'`;
    expect(byStatus).toEqual(
      await counts(
        `SELECT "createdAt"::date || ' ' || status AS k, count(*) AS n FROM "Order" WHERE ${march} GROUP BY 1`,
      ),
    );
    expect(byProduct).toEqual(
      await counts(
        `SELECT "createdAt"::date || ' ' || coalesce("productCode"::text, 'null') AS k, count(*) AS n FROM "Order" WHERE ${march} GROUP BY 1`,
      ),
    );
    expect(Object.keys(byStatus).length).toBeGreaterThan(20);

    // The product filter narrows every number to that product.
    const only = await ordersByDay(admin, { ...period, product: 778 });
    expect(only.every((r) => r.productCode === 778)).toBe(true);
    expect(only.reduce((sum, r) => sum + r.orders, 0)).toBe(
      Number(
        (await database.query(`SELECT count(*) AS n FROM "Order" WHERE ${march} AND "productCode" = 778`))
          .rows[0].n,
      ),
    );
  });

  test("the funnel counts placed, validated and issued orders per product with the median time per step", async () => {
    const rows = await funnel(admin, period);
    const placed = await counts(
      `SELECT "productCode"::text AS k, count(*) AS n FROM "Order" WHERE "placedAt" >= '2026-03-01' AND "placedAt" < '2026-04-01' AND "productCode" IS NOT NULL GROUP BY 1`,
    );
    expect(Object.fromEntries(rows.map((r) => [String(r.productCode), r.placed]))).toEqual(placed);
    const issued = await counts(
      `SELECT o."productCode"::text AS k, count(*) AS n FROM "Order" o JOIN "OrderEvent" e ON e."orderId" = o."id" AND e.kind = 'issued'
       WHERE o."placedAt" >= '2026-03-01' AND o."placedAt" < '2026-04-01' GROUP BY 1`,
    );
    expect(
      Object.fromEntries(rows.filter((r) => r.issued).map((r) => [String(r.productCode), r.issued])),
    ).toEqual(issued);
    // Validated: the odd products' placed orders (a "done" step), plus issued ones of even products.
    const validated = await counts(
      `SELECT o."productCode"::text AS k, count(*) AS n FROM "Order" o
       WHERE o."placedAt" >= '2026-03-01' AND o."placedAt" < '2026-04-01' AND o."productCode" IS NOT NULL
         AND (o."productCode" % 2 = 1 OR o."status" = 'ISSUED') GROUP BY 1`,
    );
    expect(
      Object.fromEntries(rows.filter((r) => r.validated).map((r) => [String(r.productCode), r.validated])),
    ).toEqual(validated);
    for (const row of rows) {
      if (row.productCode % 2 === 1) expect(row.placedToValidatedS).toBe(2 * 3600);
      if (row.issued && row.productCode % 2 === 1) expect(row.validatedToIssuedS).toBe(3 * 3600);
      // An even product's issued order counts as validated when issued: no time between them.
      if (row.issued && row.productCode % 2 === 0) expect(row.validatedToIssuedS).toBe(0);
    }
    expect(rows.some((r) => r.issued > 0)).toBe(true);
  });

  test("the support queue, Sectigo's answers and latency, expiries and revenue equal plain SQL", async () => {
    const queue = await supportQueueByDay(admin, period);
    expect(Object.fromEntries(queue.map((r) => [`${r.day} ${r.reason}`, r.entries]))).toEqual(
      await counts(
        `SELECT "at"::date || ' ' || status AS k, count(*) AS n FROM "SupportQueueEntry" GROUP BY 1`,
      ),
    );
    expect(queue.reduce((s, r) => s + r.entries, 0)).toBe(5);

    const calls = await sectigoCalls(admin, period);
    expect(calls.byDay).toEqual([
      { day: "2026-03-10", outcome: "ok", calls: 100 },
      { day: "2026-03-11", outcome: "http-status", calls: 7 },
      { day: "2026-03-12", outcome: "ok", calls: 50 },
    ]);
    // Below 100 ms exact (nearest rank); above, within 2 % of the plain percentile.
    const [exact, slow, status] = calls.latency;
    expect([exact, status]).toEqual([
      { endpoint: "autoApplyOrder", calls: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99 },
      { endpoint: "detailedStatus", calls: 7, p50Ms: 20, p95Ms: 20, p99Ms: 20 },
    ]);
    const percentiles = (
      await database.query(
        `SELECT percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY "durationMs") AS p FROM "SectigoCall" WHERE endpoint = 'collectEidas'`,
      )
    ).rows[0].p as number[];
    expect(slow!.endpoint).toBe("collectEidas");
    [slow!.p50Ms, slow!.p95Ms, slow!.p99Ms].forEach((ms, i) => {
      expect(ms).toBeLessThanOrEqual(percentiles[i]!);
      expect(ms).toBeGreaterThanOrEqual(percentiles[i]! / 1.02);
    });

    const expiring = await expiringByMonth(admin, period);
    const expected = await counts(
      `SELECT to_char(c."notAfter", 'YYYY-MM') || ' ' || o."productCode" AS k, count(*) AS n
       FROM "Certificate" c JOIN "Order" o ON o.id = c."orderId" WHERE o.status = 'ISSUED'
         AND c."notAfter" >= '2026-03-01' AND c."notAfter" < '2027-03-01' GROUP BY 1`,
    );
    expect(Object.fromEntries(expiring.map((r) => [`${r.month} ${r.productCode}`, r.certificates]))).toEqual(
      expected,
    );
    expect(expiring.length).toBeGreaterThan(0);

    const sums = await adminPeriodSums(admin, { sort: "created", from: period.from, to: period.to });
    const [plain] = (
      await database.query(
        `SELECT sum("quoteNet")::text AS net, sum("quoteNet" - "totalCost")::text AS margin FROM "Order"
         WHERE "createdAt" >= '2026-03-01' AND "createdAt" < '2026-04-01'`,
      )
    ).rows as { net: string; margin: string }[];
    const total = (key: "net" | "margin") => sums.reduce((s, r) => s + Number(r[key] ?? 0), 0).toFixed(2);
    expect(total("net")).toBe(Number(plain!.net).toFixed(2));
    expect(total("margin")).toBe(Number(plain!.margin).toFixed(2));
    expect(Number(plain!.net)).toBeGreaterThan(0);
  });

  test("only admins see it; the period defaults to 30 days and is capped", async () => {
    await expect(ordersByDay(support, period)).rejects.toThrow();
    await expect(sectigoCalls(support, period)).rejects.toThrow();
    expect(periodOf({}, new Date("2026-12-08T10:00:00Z"))).toEqual({ from: "2026-11-09", to: "2026-12-08" });
    expect(periodOf({ from: "2020-01-01", to: "2026-12-31" })).toEqual({
      from: "2025-12-31",
      to: "2026-12-31",
    });
  });
});
