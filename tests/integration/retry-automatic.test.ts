import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { useSectigoClient as setSectigoClient } from "@/lib/orders/lifecycle/send";
import { listSupportQueueOrders } from "@/lib/orders/queries/support";
import { createSectigoClient } from "@/lib/sectigo/client";
import type { SessionUser } from "@/lib/users/data";
import {
  attemptsOf,
  newUser,
  orderRow,
  sandboxOrders,
  setEnv,
  setFaults,
  startTestbed,
  submitNewOrder,
  waitForStatus,
  type Testbed,
} from "./order-harness";

// The data layer runs outside a Next request: no session to read (submit.ts reaches the guards).
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

// Automatic retries through the pg-boss worker on PostgreSQL: backoff, the bounded number of
// retries, and where an order goes when they are used up.

let bed: Testbed;
let customer: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("retry_auto");
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  setSectigoClient(bed.client);
  setEnv({ RETRY_MAX_ATTEMPTS: "3", RETRY_BASE_DELAY_MS: "200" });
  customer = await newUser("CUSTOMER");
});

const SETTLED = [
  "PLACED",
  "NEEDS_RECONCILIATION",
  "FAILED_TRANSIENT",
  "OUTCOME_UNKNOWN",
  "NEEDS_REVIEW",
] as const;

describe("automatic retries", () => {
  test("HTTP 500 once, then success: retried automatically and placed, with two attempts", async () => {
    // Running before the failure: the scheduled retry is enqueued as it is committed.
    await startJobRunner({ pollingIntervalSeconds: 0.5 });
    await setFaults(bed.sandbox, { mode: "http500", remaining: 1 });

    const order = await submitNewOrder(customer, bed.input);
    expect(order).toMatchObject({ status: "RETRY_SCHEDULED", retryCount: 1 });

    const placed = await waitForStatus(order.id, [...SETTLED]);
    expect(placed.status).toBe("PLACED");
    expect(placed.sectigoOrderNumber).toMatch(/^\d+$/);
    const attempts = await attemptsOf(order.id);
    expect(attempts.map((a) => [a.trigger, a.outcome, a.httpStatus])).toEqual([
      ["CUSTOMER", "UNKNOWN", 500],
      ["AUTO_RETRY", "PLACED", 200],
    ]);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  }, 90_000);

  test("retries back off and stop after RETRY_MAX_ATTEMPTS; an unknown outcome then waits for support", async () => {
    setEnv({ RETRY_MAX_ATTEMPTS: "2" });
    await startJobRunner({ pollingIntervalSeconds: 0.5 });
    await setFaults(bed.sandbox, { mode: "http503" });

    const order = await submitNewOrder(customer, bed.input);
    const settled = await waitForStatus(order.id, [...SETTLED]);

    expect(settled).toMatchObject({ status: "OUTCOME_UNKNOWN", retryCount: 2, nextRetryAt: null });
    const attempts = await prismaAttempts(order.id);
    expect(attempts.map((a) => [a.trigger, a.httpStatus])).toEqual([
      ["CUSTOMER", 503],
      ["AUTO_RETRY", 503],
      ["AUTO_RETRY", 503],
    ]);
    // 200 ms, then four times as long.
    const gaps = attempts.slice(1).map((a, i) => a.startedAt.getTime() - attempts[i]!.startedAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(200);
    expect(gaps[1]).toBeGreaterThanOrEqual(800);
    const support = await newUser("SUPPORT");
    expect((await listSupportQueueOrders(support)).map((r) => r.id)).toEqual([order.id]);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
  }, 90_000);

  test("when Sectigo cannot be reached at all, the order ends FAILED_TRANSIENT in the support queue", async () => {
    setEnv({ RETRY_MAX_ATTEMPTS: "1" });
    // A port nobody listens on: the connection is refused, so the CA cannot have the order.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const unreachable = createSectigoClient({
      baseUrl: `http://127.0.0.1:${closed}`,
      loginName: "x",
      loginPassword: "y",
      timeoutMs: 2_000,
    });
    setSectigoClient(unreachable);
    try {
      await startJobRunner({ pollingIntervalSeconds: 0.5 });
      const order = await submitNewOrder(customer, bed.input);
      const settled = await waitForStatus(order.id, [...SETTLED]);
      expect(settled).toMatchObject({ status: "FAILED_TRANSIENT", retryCount: 1 });
      const attempts = await attemptsOf(order.id);
      expect(attempts.map((a) => [a.trigger, a.outcome])).toEqual([
        ["CUSTOMER", "TRANSPORT_ERROR"],
        ["AUTO_RETRY", "TRANSPORT_ERROR"],
      ]);
    } finally {
      await unreachable.close();
    }
  }, 90_000);

  test("a retry whose wake-up was lost is found by the sweep when the worker starts", async () => {
    await setFaults(bed.sandbox, { mode: "http500", remaining: 1 });
    // No worker runs while the retry is scheduled, as after a crash right after the commit.
    await stopJobRunner();
    const order = await submitNewOrder(customer, bed.input);
    expect(order.status).toBe("RETRY_SCHEDULED");
    await new Promise((r) => setTimeout(r, 300));

    const runner = await startJobRunner({ pollingIntervalSeconds: 0.5 });
    const placed = await waitForStatus(order.id, [...SETTLED]);
    expect(placed.status).toBe("PLACED");
    expect((await runner.sweep()).enqueued).toBe(0);
    expect((await orderRow(order.id)).status).toBe("PLACED");
  }, 90_000);

  test("a retry committed by plain SQL, as another instance would, wakes this worker at once", async () => {
    await setFaults(bed.sandbox, { mode: "http500", remaining: 1 });
    await stopJobRunner();
    const order = await submitNewOrder(customer, bed.input);
    expect(order.status).toBe("RETRY_SCHEDULED");
    const prisma = await db();
    // Out of reach of the start-up sweep (it queues what is due within two minutes)...
    await prisma.$executeRaw`UPDATE "Order" SET "nextRetryAt" = now() + interval '1 hour' WHERE id = ${order.id}`;
    await startJobRunner({ pollingIntervalSeconds: 0.5 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await orderRow(order.id)).status).toBe("RETRY_SCHEDULED");

    // ...then due now, written outside the portal's code: only the database's notification can
    // wake the worker before the next minute's sweep.
    await prisma.$executeRaw`UPDATE "Order" SET "nextRetryAt" = now() WHERE id = ${order.id}`;
    const placed = await waitForStatus(order.id, [...SETTLED], 20_000);
    expect(placed.status).toBe("PLACED");
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  }, 90_000);

  test("the listening connection killed by the server is reopened, and wake-ups arrive again", async () => {
    await setFaults(bed.sandbox, { mode: "http500", remaining: 1 });
    await stopJobRunner();
    const order = await submitNewOrder(customer, bed.input);
    const prisma = await db();
    await prisma.$executeRaw`UPDATE "Order" SET "nextRetryAt" = now() + interval '1 hour' WHERE id = ${order.id}`;
    await startJobRunner({ pollingIntervalSeconds: 0.5 });
    const listeners = () =>
      prisma.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity
        WHERE application_name = 'portal-retry-listen' AND datname = current_database()`;
    const [before] = await listeners();
    expect(before).toBeDefined();
    await prisma.$queryRaw`SELECT pg_terminate_backend(${before!.pid}::int)`;
    for (let i = 0; i < 100; i++) {
      const now = await listeners();
      if (now.length === 1 && now[0]!.pid !== before!.pid) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await listeners();
    expect(after).toHaveLength(1);
    expect(after[0]!.pid).not.toBe(before!.pid);

    await prisma.$executeRaw`UPDATE "Order" SET "nextRetryAt" = now() WHERE id = ${order.id}`;
    const placed = await waitForStatus(order.id, [...SETTLED], 20_000);
    expect(placed.status).toBe("PLACED");
  }, 90_000);
});

async function prismaAttempts(orderId: string) {
  const prisma = await db();
  return prisma.orderAttempt.findMany({
    where: { orderId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { trigger: true, httpStatus: true, startedAt: true },
  });
}
