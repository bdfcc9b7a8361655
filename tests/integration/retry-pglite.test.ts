import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { dbHandle } from "@/lib/db";
import { startJobRunner } from "@/lib/jobs/runner";
import {
  attemptsOf,
  newUser,
  sandboxOrders,
  setFaults,
  startTestbed,
  submitNewOrder,
  waitForStatus,
  type Testbed,
} from "./order-harness";

// The data layer runs outside a Next request: no session to read (submit.ts reaches the guards).
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

// The same job queue on the embedded database (PGlite, one in-process connection shared with
// Prisma), as the portal runs when DATABASE_URL is not set.

let bed: Testbed;

beforeAll(async () => {
  bed = await startTestbed("retry-pglite", { database: "pglite" });
  // Creating and migrating the embedded database takes seconds: not part of the test's budget.
  await dbHandle();
});
afterAll(async () => {
  await bed?.close();
});

test("on PGlite, HTTP 500 once is retried by the pg-boss worker and the order is placed", async () => {
  expect((await dbHandle()).kind).toBe("pglite");
  const customer = await newUser("CUSTOMER");
  await startJobRunner({ pollingIntervalSeconds: 0.5 });
  await setFaults(bed.sandbox, { mode: "http500", remaining: 1 });

  const order = await submitNewOrder(customer, bed.input);
  expect(order.status).toBe("RETRY_SCHEDULED");

  const placed = await waitForStatus(order.id, [
    "PLACED",
    "NEEDS_RECONCILIATION",
    "OUTCOME_UNKNOWN",
    "FAILED_TRANSIENT",
  ]);
  expect(placed.status).toBe("PLACED");
  expect((await attemptsOf(order.id)).map((a) => [a.trigger, a.outcome])).toEqual([
    ["CUSTOMER", "UNKNOWN"],
    ["AUTO_RETRY", "PLACED"],
  ]);
  expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  // pg-boss keeps its tables in the portal's own database.
  // The order is PLACED inside the job; pg-boss marks the job completed just after the handler
  // returns (after the send's journal entry is removed), so the job may still be active here.
  const jobStates = async () =>
    (
      await (
        await dbHandle()
      ).pglite!.query<{ state: string }>("SELECT state::text FROM pgboss.job WHERE name = 'order-retry'")
    ).rows.map((r) => r.state);
  const deadline = Date.now() + 10_000;
  while ((await jobStates()).includes("active") && Date.now() < deadline) await sleep(100);
  expect(await jobStates()).toEqual(["completed"]);
}, 90_000);
