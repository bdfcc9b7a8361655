import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { cancelOrder } from "@/lib/orders/commands/cancel";
import { markOrderPlaced } from "@/lib/orders/commands/reconcile";
import { reopenForEditing } from "@/lib/orders/commands/reopen";
import { retryOrder } from "@/lib/orders/commands/retry";
import { CONFLICT_MESSAGE } from "@/lib/orders/commands/support-shared";
import { Refusal, type RefusalCode } from "@/lib/refusal";
import { getSupportOrder, listSupportQueueOrders } from "@/lib/orders/queries/support";
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
  type Testbed,
  submitAs,
} from "./order-harness";

// The data layer runs outside a Next request: no session to read (submit.ts reaches the guards).
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

// Support's actions on failed orders: who may act, the reason each needs, the audit trail, and
// what happens when two agents act on one order at once.

let bed: Testbed;
let customer: SessionUser;
let support: SessionUser;
let otherSupport: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("support_actions");
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  setEnv({ RETRY_MAX_ATTEMPTS: "0" });
  [customer, support, otherSupport] = await Promise.all([
    newUser("CUSTOMER"),
    newUser("SUPPORT"),
    newUser("SUPPORT"),
  ]);
});

/** A customer's order that Sectigo answered with HTTP 503: outcome unknown, in the support queue. */
async function unknownOutcomeOrder() {
  await setFaults(bed.sandbox, { mode: "http503", remaining: 1 });
  const order = await submitNewOrder(customer, bed.input);
  expect(order.status).toBe("OUTCOME_UNKNOWN");
  return order;
}

/** A sent order put into a given state, as the CA's answer would have left it. */
async function orderIn(status: OrderStatus, failureMessage = "Sectigo said something odd") {
  const draft = await createDraft(customer, bed.input as DraftInput, "review", false);
  const prisma = await db();
  await prisma.order.update({ where: { id: draft.id }, data: { status, failureMessage, version: 3 } });
  return orderRow(draft.id);
}

async function refusal(
  promise: Promise<unknown>,
): Promise<{ code: RefusalCode; message: string; fieldErrors: object }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

const REASON = "Checked with the customer by phone";

describe("authorization", () => {
  test("a customer is refused by every support function, and nothing changes", async () => {
    const order = await unknownOutcomeOrder();
    const base = { orderId: order.id, version: order.version, reason: REASON };
    const calls: Promise<unknown>[] = [
      retryOrder(customer, base),
      markOrderPlaced(customer, { ...base, sectigoOrderNumber: "123456" }),
      cancelOrder(customer, base),
      reopenForEditing(customer, base),
      listSupportQueueOrders(customer),
      getSupportOrder(customer, order.id),
    ];
    for (const call of calls) expect((await refusal(call)).code).toBe("forbidden");
    expect(await orderRow(order.id)).toMatchObject({ status: "OUTCOME_UNKNOWN", version: order.version });
    expect(await attemptsOf(order.id)).toHaveLength(1);
    expect(await auditOf(order.id)).toEqual([]);
  });

  test("support and administrators can see the queue and the order", async () => {
    const order = await unknownOutcomeOrder();
    const admin = await newUser("ADMIN");
    for (const staff of [support, admin]) {
      const queue = await listSupportQueueOrders(staff);
      expect(queue).toEqual([
        expect.objectContaining({
          id: order.id,
          status: "OUTCOME_UNKNOWN",
          owner: { email: customer.email },
        }),
      ]);
      expect(queue[0]!.reason).toMatch(/Sectigo may have the order/);
      const detail = await getSupportOrder(staff, order.id);
      expect(detail).toMatchObject({
        id: order.id,
        allowed: { retry: true, markPlaced: true, cancel: true, reopen: false },
      });
      expect(detail!.attempts[0]).toMatchObject({
        trigger: "CUSTOMER",
        httpStatus: 503,
        triggeredBy: { email: customer.email },
      });
      // The stored request never holds the account password.
      expect(JSON.stringify(detail!.attempts[0]!.request)).not.toContain(bed.sandbox.loginPassword);
    }
  });
});

describe("the queue", () => {
  test("lists only states that need a person, the longest waiting first, filterable by state", async () => {
    const first = await orderIn("NEEDS_REVIEW");
    const second = await orderIn("ACCOUNT_PROBLEM");
    await orderIn("PLACED");
    await orderIn("RETRY_SCHEDULED");
    expect((await listSupportQueueOrders(support)).map((r) => r.id)).toEqual([first.id, second.id]);
    expect((await listSupportQueueOrders(support, { status: "ACCOUNT_PROBLEM" })).map((r) => r.id)).toEqual([
      second.id,
    ]);
  });
});

describe("retry", () => {
  test("two agents retrying at once: one attempt is made, the other agent is told the order changed", async () => {
    const order = await unknownOutcomeOrder();
    const results = await Promise.allSettled([
      retryOrder(support, { orderId: order.id, version: order.version, reason: REASON }),
      retryOrder(otherSupport, {
        orderId: order.id,
        version: order.version,
        reason: "Retrying after the outage",
      }),
    ]);

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: "conflict", message: CONFLICT_MESSAGE });
    const attempts = await attemptsOf(order.id);
    expect(attempts.map((a) => a.trigger)).toEqual(["CUSTOMER", "SUPPORT"]);
    expect(await auditOf(order.id)).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ status: "PLACED" });
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  });

  test("needs a reason of five characters and the version the agent saw", async () => {
    const order = await unknownOutcomeOrder();
    const short = await refusal(
      retryOrder(support, { orderId: order.id, version: order.version, reason: " ok  " }),
    );
    expect(short).toMatchObject({
      code: "invalid",
      fieldErrors: { reason: [expect.stringMatching(/at least 5/)] },
    });
    const stale = await refusal(
      retryOrder(support, { orderId: order.id, version: order.version - 1, reason: REASON }),
    );
    expect(stale).toMatchObject({ code: "conflict", message: CONFLICT_MESSAGE });
    expect(await attemptsOf(order.id)).toHaveLength(1);
  });

  test("is refused where retrying is not safe or makes no sense", async () => {
    for (const status of ["NEEDS_RECONCILIATION", "PLACED", "CANCELLED", "DRAFT"] as const) {
      const order = await orderIn(status);
      const refused = await refusal(
        retryOrder(support, { orderId: order.id, version: order.version, reason: REASON }),
      );
      expect(refused.code).toBe("not_allowed");
    }
    expect(
      (await refusal(retryOrder(support, { orderId: "missing", version: 0, reason: REASON }))).code,
    ).toBe("not_found");
  });
});

describe("resolving manually", () => {
  test("mark placed records the Sectigo order number (digits only, not used by another order)", async () => {
    const order = await orderIn("NEEDS_RECONCILIATION");
    const other = await orderIn("NEEDS_REVIEW");
    const letters = await refusal(
      markOrderPlaced(support, {
        orderId: order.id,
        version: order.version,
        reason: REASON,
        sectigoOrderNumber: "12a4",
      }),
    );
    expect(letters).toMatchObject({
      code: "invalid",
      fieldErrors: { sectigoOrderNumber: [expect.any(String)] },
    });

    await markOrderPlaced(support, {
      orderId: order.id,
      version: order.version,
      reason: REASON,
      sectigoOrderNumber: "1234567",
    });
    expect(await orderRow(order.id)).toMatchObject({ status: "PLACED", sectigoOrderNumber: "1234567" });
    expect(await auditOf(order.id)).toEqual([
      {
        actorId: support.id,
        action: "order.marked_placed",
        reason: REASON,
        details: { fromStatus: "NEEDS_RECONCILIATION", sectigoOrderNumber: "1234567" },
      },
    ]);

    const taken = await refusal(
      markOrderPlaced(support, {
        orderId: other.id,
        version: other.version,
        reason: REASON,
        sectigoOrderNumber: "1234567",
      }),
    );
    expect(taken.fieldErrors).toEqual({
      sectigoOrderNumber: [expect.stringContaining(order.externalOrderNumber)],
    });
  });

  test("two agents resolving at once: exactly one wins and nothing else happens", async () => {
    const order = await orderIn("OUTCOME_UNKNOWN");
    const base = { orderId: order.id, version: order.version };
    const results = await Promise.allSettled([
      cancelOrder(support, { ...base, reason: "Customer asked to cancel" }),
      markOrderPlaced(otherSupport, {
        ...base,
        reason: "Found it at Sectigo",
        sectigoOrderNumber: "99887766",
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost?.reason).toMatchObject({ code: "conflict", message: CONFLICT_MESSAGE });
    const after = await orderRow(order.id);
    expect(["CANCELLED", "PLACED"]).toContain(after.status);
    expect(after.version).toBe(order.version + 1);
    expect(await auditOf(order.id)).toHaveLength(1);
  });

  test("cancel is audited and refused for drafts and finished orders", async () => {
    const order = await orderIn("ACCOUNT_PROBLEM");
    await cancelOrder(support, {
      orderId: order.id,
      version: order.version,
      reason: "Account cannot be fixed today",
    });
    expect((await orderRow(order.id)).status).toBe("CANCELLED");
    expect((await auditOf(order.id))[0]).toMatchObject({ action: "order.cancelled", actorId: support.id });
    for (const status of ["DRAFT", "PLACED"] as const) {
      const other = await orderIn(status);
      expect(
        (await refusal(cancelOrder(support, { orderId: other.id, version: other.version, reason: REASON })))
          .code,
      ).toBe("not_allowed");
    }
  });
});

describe("edit and resubmit", () => {
  test("an order flagged for review is reopened, edited by support and resubmitted, with the difference audited", async () => {
    const order = await orderIn("NEEDS_REVIEW", "The organization name does not match the register");
    await reopenForEditing(support, {
      orderId: order.id,
      version: order.version,
      reason: "Organization name is wrong",
    });
    expect((await orderRow(order.id)).status).toBe("REJECTED");

    const corrected = { ...(bed.input as DraftInput), organizationName: "Example AG" };
    const result = await submitAs(support, {
      orderId: order.id,
      input: corrected,
      test: false,
      reason: "Corrected the organization name as the register shows it",
    });
    expect(result).toMatchObject({ ok: true, status: "PLACED" });
    expect((await attemptsOf(order.id)).map((a) => [a.trigger, a.triggeredById])).toEqual([
      ["SUPPORT", support.id],
    ]);
    expect((await auditOf(order.id)).map((e) => [e.action, e.actorId, e.reason, e.details])).toEqual([
      [
        "order.reopened_for_editing",
        support.id,
        "Organization name is wrong",
        { fromStatus: "NEEDS_REVIEW" },
      ],
      [
        "order.edited_resubmitted",
        support.id,
        "Corrected the organization name as the register shows it",
        { changed: { organizationName: { before: "Example GmbH", after: "Example AG" } } },
      ],
    ]);
  });

  test("without a reason from the wizard the default one is recorded; a customer's own resubmission is not audited", async () => {
    const order = await orderIn("REJECTED");
    await submitAs(support, { orderId: order.id, input: bed.input as DraftInput, test: false });
    expect(await auditOf(order.id)).toEqual([
      expect.objectContaining({
        action: "order.edited_resubmitted",
        reason: "Edited and resubmitted by support",
        details: { changed: {} },
      }),
    ]);

    const own = await orderIn("REJECTED");
    await submitAs(customer, { orderId: own.id, input: bed.input as DraftInput, test: false });
    expect(await auditOf(own.id)).toEqual([]);
  });
});
