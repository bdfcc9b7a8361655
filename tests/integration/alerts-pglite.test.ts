import { afterAll, beforeAll, expect, test } from "vitest";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { db } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// The demo runs on the embedded PGlite database: the record of calls, its percentiles, the
// evaluator's advisory lock and the one-open-incident index work there too.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("alerts_pglite", "pglite");
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

test("an incident opens and closes on PGlite", async () => {
  const prisma = await db();
  const now = new Date();
  await prisma.sectigoCall.createMany({
    data: Array.from({ length: 10 }, (_, i) => ({
      at: new Date(now.getTime() - 500 - i),
      endpoint: "autoApplyOrder",
      outcome: "ok",
      durationMs: 20_000 + i,
    })),
  });
  const settings = {
    windowMs: 1_000,
    failureRate: 0.5,
    minCalls: 5,
    latencyP95Ms: 10_000,
    retryBacklog: 100,
    outboxBacklog: 100,
  };
  expect((await evaluateAlerts(prisma, settings, now)).opened).toEqual(["sectigo-latency-p95"]);
  const later = (ms: number) => new Date(now.getTime() + ms);
  expect((await evaluateAlerts(prisma, settings, later(1_000))).closed).toEqual([]);
  expect((await evaluateAlerts(prisma, settings, later(2_100))).closed).toEqual(["sectigo-latency-p95"]);
  const [incident] = await prisma.incident.findMany();
  expect(incident).toMatchObject({ kind: "sectigo-latency-p95", endedAt: later(1_000) });
  expect(incident!.peakValue).toBeGreaterThan(20_000);
}, 60_000);
