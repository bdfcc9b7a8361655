import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { registerDatabaseGauges } from "@/lib/observability/gauges";
import { portalMetrics } from "@/lib/observability/metrics.mjs";
import { createTestDatabase, newUser, seedOrders, type TestDatabase } from "../support/order-history";

// The gauges /metrics reads at each scrape equal the database's own counts.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("metrics");
});
afterAll(async () => {
  await database.drop();
});

async function gauge(name: string): Promise<Map<string, number>> {
  const metric = await portalMetrics().registry.getSingleMetric(name)!.get();
  return new Map(metric.values.map((v) => [Object.values(v.labels).join("/"), v.value]));
}

describe("database gauges", () => {
  it("orders by status and the mail outbox by status equal SQL counts, and follow changes", async () => {
    const customers = [await newUser("CUSTOMER"), await newUser("CUSTOMER")];
    await seedOrders(customers, 60);
    registerDatabaseGauges();
    registerDatabaseGauges(); // a second scrape's call registers nothing twice

    const prisma = await db();
    const counts = async () =>
      new Map(
        (await prisma.order.groupBy({ by: ["status"], _count: { _all: true } })).map((g) => [
          g.status,
          g._count._all,
        ]),
      );
    const expected = await counts();
    expect(expected.size).toBeGreaterThan(5);
    expect(await gauge("portal_orders")).toEqual(expected);

    await prisma.order.updateMany({ where: { status: "DRAFT" }, data: { status: "CANCELLED" } });
    const afterwards = await counts();
    expect(await gauge("portal_orders")).toEqual(afterwards);

    const mails = new Map(
      (await prisma.mailOutbox.groupBy({ by: ["status"], _count: { _all: true } })).map((g) => [
        g.status,
        g._count._all,
      ]),
    );
    expect(await gauge("portal_mail_outbox")).toEqual(mails);
  });

  it("shows the pool's size and maximum on a PostgreSQL server", async () => {
    await db();
    const pool = await gauge("portal_db_pool_connections");
    expect(pool.get("max")).toBe(10);
    expect(pool.get("open")).toBeGreaterThanOrEqual(1);
    expect(pool.get("waiting")).toBe(0);
  });

  it("reads the job queues when pg-boss's schema exists, and is empty (not failing) before", async () => {
    expect((await gauge("portal_job_queue_jobs")).size).toBe(0);
    await database.query(`CREATE SCHEMA pgboss`);
    await database.query(
      `CREATE TABLE pgboss.job (name text, state text, created_on timestamptz DEFAULT now() - interval '90 seconds')`,
    );
    await database.query(
      `INSERT INTO pgboss.job (name, state) VALUES ('order-retry','created'), ('order-retry','created'), ('mail','active')`,
    );
    const depth = await gauge("portal_job_queue_jobs");
    expect(depth.get("order-retry/created")).toBe(2);
    expect(depth.get("mail/active")).toBe(1);
    expect(
      (await gauge("portal_job_queue_oldest_seconds")).get("order-retry/created"),
    ).toBeGreaterThanOrEqual(89);
  });
});
