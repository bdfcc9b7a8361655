import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { startJobRunner } from "@/lib/jobs/runner";
import { markOrderPlaced } from "@/lib/orders/commands/reconcile";
import { retryOrder } from "@/lib/orders/commands/retry";
import type { SessionUser } from "@/lib/users/data";
import {
  attemptsOf,
  auditOf,
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

// "Order placed, connection dropped": Sectigo creates the order but the portal never hears the
// answer. Whoever sends it again (support or the automatic retry) must not create a second paid
// order: the same foreignOrderNumber with checkFONIsUnique=Y makes Sectigo refuse the duplicate.

let bed: Testbed;
let customer: SessionUser;
let support: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("retry_dropped");
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  customer = await newUser("CUSTOMER");
  support = await newUser("SUPPORT");
});

async function placedButDropped(maxRetries: string) {
  setEnv({ RETRY_MAX_ATTEMPTS: maxRetries });
  await setFaults(bed.sandbox, { mode: "drop-after-place", remaining: 1 });
  const order = await submitNewOrder(customer, bed.input);
  // The CA has it; the portal cannot know.
  expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  return order;
}

async function supportRecordsSectigoNumber(orderId: string, fon: string) {
  const [atSectigo] = await sandboxOrders(bed.sandbox, fon);
  const before = await orderRow(orderId);
  const result = await markOrderPlaced(support, {
    orderId,
    version: before.version,
    reason: "Found it in the Sectigo reseller console under the same external number",
    sectigoOrderNumber: atSectigo!.orderNumber,
  });
  expect(result.status).toBe("PLACED");
  expect(await orderRow(orderId)).toMatchObject({
    status: "PLACED",
    sectigoOrderNumber: atSectigo!.orderNumber,
  });
}

describe("order placed, connection dropped", () => {
  test("a manual retry by support ends in reconciliation with one order at Sectigo, then support records its number", async () => {
    const order = await placedButDropped("0");
    expect(order.status).toBe("OUTCOME_UNKNOWN");

    const result = await retryOrder(support, {
      orderId: order.id,
      version: order.version,
      reason: "Customer called; connection was lost at submission",
    });

    expect(result.status).toBe("NEEDS_RECONCILIATION");
    expect(result.message).toContain(order.externalOrderNumber);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
    const attempts = await attemptsOf(order.id);
    expect(attempts.map((a) => [a.trigger, a.outcome])).toEqual([
      ["CUSTOMER", "UNKNOWN"],
      ["SUPPORT", "CA_ERROR"],
    ]);
    expect(attempts[1]!.triggeredById).toBe(support.id);
    expect(attempts[1]!.errorClass).toBe("duplicate-fon");
    // The retry sent the same external number with the uniqueness check.
    const sent = (attempts[1]!.request as { params: Record<string, string> }).params;
    expect(sent).toMatchObject({ foreignOrderNumber: order.externalOrderNumber, checkFONIsUnique: "Y" });

    await supportRecordsSectigoNumber(order.id, order.externalOrderNumber);
    const audit = await auditOf(order.id);
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["order.retried", support.id],
      ["order.marked_placed", support.id],
    ]);
    expect(audit[0]!.reason).toBe("Customer called; connection was lost at submission");
  });

  test("the automatic retry ends in reconciliation with one order at Sectigo", async () => {
    const order = await placedButDropped("3");
    expect(order).toMatchObject({ status: "RETRY_SCHEDULED", retryCount: 1 });
    expect(order.nextRetryAt).toBeInstanceOf(Date);

    await startJobRunner({ pollingIntervalSeconds: 0.5 });
    const settled = await waitForStatus(order.id, [
      "NEEDS_RECONCILIATION",
      "PLACED",
      "FAILED_TRANSIENT",
      "OUTCOME_UNKNOWN",
    ]);

    expect(settled.status).toBe("NEEDS_RECONCILIATION");
    expect(settled.nextRetryAt).toBeNull();
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
    const attempts = await attemptsOf(order.id);
    expect(attempts.map((a) => [a.trigger, a.outcome, a.errorClass])).toEqual([
      ["CUSTOMER", "UNKNOWN", "transport:network"],
      ["AUTO_RETRY", "CA_ERROR", "duplicate-fon"],
    ]);
    expect(attempts[1]!.triggeredById).toBeNull();

    await supportRecordsSectigoNumber(order.id, order.externalOrderNumber);
  }, 90_000);
});
