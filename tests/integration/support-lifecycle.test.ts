import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { saveDraftAction } from "@/app/(portal)/orders/actions";
import { retryOrderAction } from "@/app/support/actions";
import { db } from "@/lib/db";
import { runDueRetry } from "@/lib/orders/lifecycle/run-due-retry";
import { startJobRunner } from "@/lib/jobs/runner";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { listDueRetries } from "@/lib/orders/lifecycle/retry";
import { useSectigoClient as setSectigoClient } from "@/lib/orders/lifecycle/send";
import { getSupportOrder, listRetryingOrders, listSupportQueueOrders } from "@/lib/orders/queries/support";
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
  submitAs,
} from "./order-harness";

// The lifecycle around support (issue defects 2, 12 and 16): an order whose stored input no
// longer validates reaches support instead of looping, orders retrying automatically are in the
// queue, and a staff send is recorded as staff and never places a customer's unfinished draft.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth", async () => (await import("@/tests/support/session")).sessionAuth(session));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const PARTIAL = { product: 781, organizationName: "Partial Tab GmbH" };
const REASON = "Checked with the customer by phone";

let bed: Testbed;
let customer: SessionUser;
let support: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("support_lifecycle");
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  setSectigoClient(bed.client);
  setEnv({ RETRY_MAX_ATTEMPTS: "3", RETRY_BASE_DELAY_MS: "200" });
  [customer, support] = await Promise.all([newUser("CUSTOMER"), newUser("SUPPORT")]);
  session.userId = null;
});

/**
 * An order retrying after a 503 whose stored input is a partial draft, as the save/submit race
 * left orders before saves were bound to a version (the CA may have the full order).
 */
async function stuckRetry() {
  setEnv({ RETRY_BASE_DELAY_MS: "600000" });
  await setFaults(bed.sandbox, { mode: "http503", remaining: 1 });
  const order = await submitNewOrder(customer, bed.input);
  expect(order.status).toBe("RETRY_SCHEDULED");
  const prisma = await db();
  await prisma.order.update({
    where: { id: order.id },
    data: { input: PARTIAL, organizationName: PARTIAL.organizationName },
  });
  return orderRow(order.id);
}

describe("an order whose stored input no longer validates", () => {
  test("the automatic retry moves it to the support queue with the reason, and never sends or loops", async () => {
    const order = await stuckRetry();
    const prisma = await db();
    await prisma.order.update({ where: { id: order.id }, data: { nextRetryAt: new Date() } });
    await startJobRunner({ pollingIntervalSeconds: 0.5 });

    const settled = await waitForStatus(order.id, ["NEEDS_REVIEW"], 20_000);
    expect(settled).toMatchObject({ nextRetryAt: null, failureClass: "portal:stored-input-invalid" });
    // Given time, nothing more happens: no further attempt, no wake-up left.
    await sleep(1_500);
    expect(await orderRow(order.id)).toMatchObject({ status: "NEEDS_REVIEW", version: settled.version });
    expect((await attemptsOf(order.id)).map((a) => a.trigger)).toEqual(["CUSTOMER"]);
    expect(await listDueRetries(prisma, new Date(Date.now() + 86_400_000))).toEqual([]);
    expect(await runDueRetry(prisma, order.id, new Date(Date.now() + 86_400_000))).toMatchObject({
      outcome: "skipped",
    });

    const queue = await listSupportQueueOrders(support);
    expect(queue.map((r) => [r.id, r.status])).toEqual([[order.id, "NEEDS_REVIEW"]]);
    expect(queue[0]!.reason).toMatch(/no longer pass the portal's checks/);
    expect(queue[0]!.reason).toMatch(/Validity/);
    expect(queue[0]!.reason).not.toMatch(/Sectigo said/);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
  }, 60_000);

  test("a support retry answers with the order's state, not an error page, and sends nothing", async () => {
    const order = await stuckRetry();
    session.userId = support.id;
    const result = await retryOrderAction(undefined, {
      orderId: order.id,
      version: order.version,
      reason: REASON,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/Nothing was sent/);
      expect(result.message).toMatch(/Needs review/);
    }
    const after = await orderRow(order.id);
    expect(after).toMatchObject({ status: "NEEDS_REVIEW", failureClass: "portal:stored-input-invalid" });
    expect((await attemptsOf(order.id)).map((a) => a.trigger)).toEqual(["CUSTOMER"]);
    expect((await auditOf(order.id)).map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ["order.retry_refused", support.id, REASON],
    ]);

    // Again from "Needs review": the same clear refusal, and this time nothing changes at all.
    const again = await retryOrderAction(undefined, {
      orderId: order.id,
      version: after.version,
      reason: REASON,
    });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.message).toMatch(/Nothing was sent/);
    expect(await orderRow(order.id)).toEqual(after);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
  });
});

describe("orders retrying automatically", () => {
  test("are listed for support with their next attempt time", async () => {
    setEnv({ RETRY_BASE_DELAY_MS: "600000" });
    await setFaults(bed.sandbox, { mode: "http503", remaining: 1 });
    const order = await submitNewOrder(customer, bed.input);
    expect(order.status).toBe("RETRY_SCHEDULED");
    const next = order.nextRetryAt!;

    const retrying = await listRetryingOrders(support);
    expect(retrying.map((r) => [r.id, r.status, r.nextRetryAt?.getTime()])).toEqual([
      [order.id, "RETRY_SCHEDULED", next.getTime()],
    ]);
    expect(retrying[0]!.reason).toMatch(/Retrying automatically/);
    expect(retrying[0]!.reason).toContain(`next attempt at ${next.toISOString().slice(11, 19)} UTC`);
    expect(retrying[0]!.reason).toMatch(/retry 1 of 3/);

    const detail = await getSupportOrder(support, order.id);
    expect(detail!.reason).toBe(retrying[0]!.reason);
    expect(detail!.allowed.retry).toBe(true);
    // Only support sees them.
    await expect(listRetryingOrders(customer)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("staff sends", () => {
  test("a customer's finished draft sent by support is recorded as support's send, and audited", async () => {
    const draft = await createDraft(customer, bed.input as DraftInput, "review", false);
    const result = await submitAs(support, {
      orderId: draft.id,
      input: bed.input as DraftInput,
      test: false,
      version: 0,
    });
    expect(result).toMatchObject({ ok: true, status: "PLACED" });
    expect((await attemptsOf(draft.id)).map((a) => [a.trigger, a.triggeredById])).toEqual([
      ["SUPPORT", support.id],
    ]);
    expect((await auditOf(draft.id)).map((e) => [e.action, e.actorId])).toEqual([
      ["order.sent_for_customer", support.id],
    ]);
  });

  test("a customer's unfinished draft is refused unless support overrides it with a reason, which is audited", async () => {
    const draft = await createDraft(customer, bed.input as DraftInput, "organization", false);
    const before = await orderRow(draft.id);
    const refused = await submitAs(support, {
      orderId: draft.id,
      input: bed.input as DraftInput,
      test: false,
      version: 0,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/has not finished/);
    // An override needs a reason.
    const noReason = await submitAs(support, {
      orderId: draft.id,
      input: bed.input as DraftInput,
      test: false,
      version: 0,
      overrideUnfinished: true,
    });
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(Object.keys(noReason.fieldErrors)).toEqual(["reason"]);
    expect(await orderRow(draft.id)).toEqual(before);
    expect(await attemptsOf(draft.id)).toEqual([]);
    expect(await sandboxOrders(bed.sandbox, before.externalOrderNumber)).toHaveLength(0);

    const sent = await submitAs(support, {
      orderId: draft.id,
      input: bed.input as DraftInput,
      test: false,
      version: 0,
      overrideUnfinished: true,
      reason: "Customer asked by phone to send it as it is",
    });
    expect(sent).toMatchObject({ ok: true, status: "PLACED" });
    expect((await attemptsOf(draft.id)).map((a) => [a.trigger, a.triggeredById])).toEqual([
      ["SUPPORT", support.id],
    ]);
    expect((await auditOf(draft.id)).map((e) => [e.action, e.actorId, e.reason, e.details])).toEqual([
      [
        "order.sent_unfinished_draft",
        support.id,
        "Customer asked by phone to send it as it is",
        { currentStep: "organization", changed: {} },
      ],
    ]);
  });

  test("support cannot change a customer's draft, neither by saving it nor by sending other answers", async () => {
    const draft = await createDraft(customer, bed.input as DraftInput, "review", false);
    const before = await orderRow(draft.id);
    session.userId = support.id;
    const saved = await saveDraftAction(undefined, {
      orderId: draft.id,
      version: 0,
      input: PARTIAL,
      step: "review",
    });
    expect(saved.ok).toBe(false);
    const changed = await submitAs(support, {
      orderId: draft.id,
      input: { ...(bed.input as DraftInput), organizationName: "Support Changed AG" },
      test: false,
      version: 0,
    });
    expect(changed.ok).toBe(false);
    expect(await orderRow(draft.id)).toEqual(before);
    const prisma = await db();
    const row = await prisma.order.findUniqueOrThrow({ where: { id: draft.id }, select: { input: true } });
    expect(row.input).toEqual(JSON.parse(JSON.stringify(bed.input)));
    expect(await sandboxOrders(bed.sandbox, before.externalOrderNumber)).toHaveLength(0);
  });
});
