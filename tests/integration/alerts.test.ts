import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { listOpenIncidents } from "@/lib/alerts/queries";
import { db } from "@/lib/db";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import {
  flushSectigoCallLog,
  pruneSectigoCalls,
  startSectigoCallLog,
  stopSectigoCallLog,
} from "@/lib/observability/sectigo-call-log";
import { runForOrder } from "@/lib/observability/request-context.mjs";
import { newUser, setEnv, setFaults, startTestbed, type Testbed } from "./order-harness";

vi.mock("@/lib/auth", () => ({ auth: async () => null }));

// The record of Sectigo calls and the alerts built on it, against the sandbox CA over real HTTP
// and a PostgreSQL database of their own, with the job runner's evaluator on a short window.

let bed: Testbed;

beforeAll(async () => {
  bed = await startTestbed("alerts");
  startSectigoCallLog();
});
afterAll(async () => {
  await stopSectigoCallLog();
  await bed?.close();
});
beforeEach(async () => {
  await stopJobRunner();
  await bed.reset();
  const prisma = await db();
  await prisma.incident.deleteMany();
  await prisma.sectigoCall.deleteMany();
});

const placeOne = () =>
  bed.client.placeOrder(bed.input, {
    foreignOrderNumber: `ALERT-${randomUUID().slice(0, 12)}`,
    checkFONIsUnique: true,
    test: false,
  });

/** Places orders one after another until `done` says so (or the time runs out). */
async function placeUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  let calls = 0;
  while (Date.now() < end) {
    await placeOne();
    calls += 1;
    if (calls % 5 === 0 && (await done())) return calls;
    await sleep(50);
  }
  throw new Error(`gave up after ${calls} calls`);
}

async function incidentMails() {
  const prisma = await db();
  return prisma.mailOutbox.findMany({
    where: { template: "incident" },
    select: { recipient: true, dedupeKey: true },
    orderBy: { createdAt: "asc" },
  });
}

describe("the record of Sectigo calls", () => {
  test("each call is stored with its endpoint, outcome, order and duration; a failed insert fails no call", async () => {
    await setFaults(bed.sandbox, { mode: "http503", remaining: 1 });
    const failed = await runForOrder("order-1", placeOne);
    const placed = await placeOne();
    expect([failed.kind, placed.kind]).toEqual(["transport", "success"]);
    await bed.client.getDetailedStatus(placed.kind === "success" ? placed.orderNumber : "0");
    await flushSectigoCallLog();
    const prisma = await db();
    const rows = await prisma.sectigoCall.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.endpoint, r.outcome, r.httpStatus, r.orderId])).toEqual([
      ["autoApplyOrder", "http-status", 503, "order-1"],
      ["autoApplyOrder", "ok", 200, null],
      ["detailedStatus", "ok", 200, null],
    ]);
    expect(rows.every((r) => r.durationMs >= 0 && r.durationMs < 3_000)).toBe(true);

    // The table gone (as if the database refused): the call still succeeds, the records are lost.
    const database = await db();
    await database.$executeRawUnsafe(`ALTER TABLE "SectigoCall" RENAME TO "SectigoCallAway"`);
    try {
      expect((await placeOne()).kind).toBe("success");
      await flushSectigoCallLog();
    } finally {
      await database.$executeRawUnsafe(`ALTER TABLE "SectigoCallAway" RENAME TO "SectigoCall"`);
    }
    expect(await prisma.sectigoCall.count()).toBe(3);
  }, 30_000);

  test("records older than the retention are pruned", async () => {
    const prisma = await db();
    const now = new Date();
    await prisma.sectigoCall.createMany({
      data: [
        {
          at: new Date(now.getTime() - 31 * 86_400_000),
          endpoint: "autoApplyOrder",
          outcome: "ok",
          durationMs: 5,
        },
        {
          at: new Date(now.getTime() - 29 * 86_400_000),
          endpoint: "autoApplyOrder",
          outcome: "ok",
          durationMs: 5,
        },
      ],
    });
    expect(await pruneSectigoCalls(prisma, 30, now)).toBe(1);
    expect(await prisma.sectigoCall.count()).toBe(1);
  });
});

describe("alerts", () => {
  test("Sectigo failing half the calls opens one incident, mails admins and support once, and closes when it stops", async () => {
    setEnv({
      ALERT_WINDOW_SECONDS: "3",
      ALERT_EVALUATE_SECONDS: "0.5",
      ALERT_MIN_CALLS: "6",
      ALERT_FAILURE_RATE: "0.3",
    });
    const admin = await newUser("ADMIN");
    const support = await newUser("SUPPORT");
    await newUser("CUSTOMER");
    const prisma = await db();
    await startJobRunner({ pollingIntervalSeconds: 0.5 });

    await setFaults(bed.sandbox, { mode: "http503", rate: 0.5 });
    const open = () => prisma.incident.findFirst({ where: { kind: "sectigo-failure-rate" } });
    await placeUntil(async () => (await open()) !== null, 30_000);
    const opened = (await open())!;
    expect(opened.endedAt).toBeNull();
    expect(opened.peakValue).toBeGreaterThanOrEqual(0.3);
    const failures = await prisma.sectigoCall.count({ where: { outcome: "http-status", httpStatus: 503 } });
    const calls = await prisma.sectigoCall.count();
    expect(failures / calls).toBeGreaterThan(0.2);
    expect(failures / calls).toBeLessThan(0.8);

    // Failures stop; the calls go on until the incident has been clear for a window.
    await setFaults(bed.sandbox, {});
    await placeUntil(async () => (await open())?.endedAt != null, 40_000);

    const incidents = await prisma.incident.findMany();
    expect(incidents).toHaveLength(1);
    const closed = incidents[0]!;
    expect(closed.endedAt!.getTime()).toBeGreaterThan(closed.startedAt.getTime());
    const mails = await incidentMails();
    // The phase is in the key (the data is erased once a mail is sent).
    expect(mails.map((m) => [m.recipient, m.dedupeKey.split(":")[2]]).sort()).toEqual(
      [
        [admin.email, "closed"],
        [admin.email, "opened"],
        [support.email, "closed"],
        [support.email, "opened"],
      ].sort(),
    );
  }, 120_000);

  test("two evaluators at once open one incident and queue one mail per person; staff see it", async () => {
    const admin = await newUser("ADMIN");
    const customer = await newUser("CUSTOMER");
    const prisma = await db();
    const now = new Date();
    await prisma.sectigoCall.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        at: new Date(now.getTime() - 1_000 - i),
        endpoint: "autoApplyOrder",
        outcome: i % 2 ? "timeout" : "ok",
        durationMs: 100,
      })),
    });
    const settings = {
      windowMs: 60_000,
      failureRate: 0.3,
      minCalls: 10,
      latencyP95Ms: 60_000,
      retryBacklog: 1_000,
      outboxBacklog: 1_000,
    };
    const results = await Promise.all([
      evaluateAlerts(prisma, settings, now),
      evaluateAlerts(prisma, settings, now),
      evaluateAlerts(prisma, settings, now),
    ]);
    expect(results.flatMap((r) => r.opened)).toEqual(["sectigo-failure-rate"]);
    expect(await prisma.incident.count({ where: { endedAt: null } })).toBe(1);
    expect(await incidentMails()).toHaveLength(1);
    // The banner's data: the admin sees the incident, a customer nothing.
    expect((await listOpenIncidents(admin)).map((i) => [i.kind, i.now])).toEqual([
      ["sectigo-failure-rate", "50 % of calls failed"],
    ]);
    expect(await listOpenIncidents(customer)).toEqual([]);
    // And a later evaluation with the condition still there opens nothing new.
    await evaluateAlerts(prisma, settings, new Date(now.getTime() + 1_000));
    expect(await prisma.incident.count()).toBe(1);
    // The database itself refuses a second open incident of a kind.
    await expect(
      prisma.incident.create({
        data: { kind: "sectigo-failure-rate", threshold: 0.3, peakValue: 1, lastValue: 1 },
      }),
    ).rejects.toThrow();
  });
});
