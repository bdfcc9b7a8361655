import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { getAdminOrderDetail } from "@/lib/orders/queries/admin-order";
import { getOrderForViewer } from "@/lib/orders/queries/customer-order";
import type { SessionUser } from "@/lib/users/data";
import { saveDraftAction, submitOrderAction } from "@/app/(portal)/orders/actions";
import { setServerSoftwareAction } from "@/app/admin/orders/[id]/actions";
import {
  attemptsOf,
  auditOf,
  newUser,
  sandboxOrders,
  setEnv,
  startTestbed,
  type Testbed,
} from "./order-harness";

// What customers see and decide (issues #10 and #11), through the real actions, PostgreSQL and
// the sandbox CA: the reseller's cost stays with admins; the reseller's switches come from
// configuration; serverSoftware is -1 unless an admin sets it on the order, audited.

// The actions read the session through Auth.js; here it is a real session of whoever `session.userId` names.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth", async () => (await import("@/tests/support/session")).sessionAuth(session));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

/** What a customer could post straight to the action: every reseller- and admin-only row. */
const RESELLER_FIELDS = {
  isCustomerValidated: false,
  isAppRepValidated: true,
  isCallbackCompleted: false,
  dcvTemplateId: 4,
  shippingTemplateId: 5,
  serverSoftware: 1,
};

let bed: Testbed;
let customer: SessionUser;
let admin: SessionUser;
let support: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("order_display");
});
afterAll(async () => {
  session.userId = null;
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  setEnv({
    RETRY_MAX_ATTEMPTS: "0",
    SECTIGO_CUSTOMER_VALIDATED: "1",
    SECTIGO_APP_REP_VALIDATED: "0",
    SECTIGO_CALLBACK_COMPLETED: "1",
    SECTIGO_SHIPPING_TEMPLATE_ID: "9",
  });
  [customer, admin, support] = await Promise.all([newUser("CUSTOMER"), newUser("ADMIN"), newUser("SUPPORT")]);
});

function as(user: SessionUser | null) {
  session.userId = user?.id ?? null;
}

/** A draft saved through the wizard's action, as the customer (with whatever they post). */
async function customerDraft(input: Record<string, unknown>): Promise<string> {
  as(customer);
  const saved = await saveDraftAction(undefined, { input, step: "review", test: false });
  expect(saved).toMatchObject({ ok: true });
  return (saved as { data: { orderId: string } }).data.orderId;
}

async function customerSubmits(orderId: string, input: Record<string, unknown>) {
  as(customer);
  const result = await submitOrderAction(undefined, { orderId, input, test: false });
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
}

async function stored(orderId: string) {
  const prisma = await db();
  return prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { externalOrderNumber: true, status: true, input: true, serverSoftware: true, version: true },
  });
}

describe("the reseller's cost", () => {
  test("is not returned by the customer's data function, only by the admin's", async () => {
    const orderId = await customerDraft(bed.input as Record<string, unknown>);
    await customerSubmits(orderId, bed.input as Record<string, unknown>);
    const [atCa] = await sandboxOrders(bed.sandbox, (await stored(orderId)).externalOrderNumber);
    expect(Number(atCa!.totalCost)).toBeGreaterThan(0);

    const mine = await getOrderForViewer(customer, orderId);
    expect(mine?.status).toBe("PLACED");
    expect(mine).not.toHaveProperty("totalCost");
    expect(JSON.stringify(mine)).not.toContain(atCa!.totalCost);

    const detail = await getAdminOrderDetail(admin, orderId);
    expect(detail?.totalCost?.toFixed(2)).toBe(atCa!.totalCost);
  });
});

describe("reseller-only parameters", () => {
  test("a customer posting them changes nothing: not stored, and the CA gets the configured values", async () => {
    const input = { ...(bed.input as Record<string, unknown>), ...RESELLER_FIELDS };
    const orderId = await customerDraft(input);
    const draft = await stored(orderId);
    for (const key of Object.keys(RESELLER_FIELDS)) expect(draft.input, key).not.toHaveProperty(key);

    await customerSubmits(orderId, input);
    const order = await stored(orderId);
    expect(order.status).toBe("PLACED");
    for (const key of Object.keys(RESELLER_FIELDS)) expect(order.input, key).not.toHaveProperty(key);
    expect(order.serverSoftware).toBeNull();

    const [atCa, ...others] = await sandboxOrders(bed.sandbox, order.externalOrderNumber);
    expect(others).toHaveLength(0);
    const expected = {
      serverSoftware: "-1",
      isCustomerValidated: "Y",
      isAppRepValidated: "N",
      isCallbackCompleted: "Y",
    };
    expect(atCa!.params).toMatchObject(expected);
    // Product 781 without a token: no shipping template; not a QWAC: no DCV template.
    expect(atCa!.params).not.toHaveProperty("shippingTemplateID");
    expect(atCa!.params).not.toHaveProperty("dcvTemplateID");
    // The stored request is what was sent.
    const [attempt] = await attemptsOf(orderId);
    expect((attempt!.request as { params: Record<string, string> }).params).toMatchObject(expected);
  });
});

describe("an admin's server software", () => {
  test("is set on the order, audited, and sent instead of -1", async () => {
    const orderId = await customerDraft(bed.input as Record<string, unknown>);
    as(admin);
    const set = await setServerSoftwareAction(undefined, {
      orderId,
      serverSoftware: "14",
      reason: "Customer runs IIS 6, Sectigo asked for the code",
    });
    expect(set).toMatchObject({ ok: true });
    expect((await stored(orderId)).serverSoftware).toBe(14);
    const audit = await auditOf(orderId);
    expect(audit).toEqual([
      {
        actorId: admin.id,
        action: "order.server_software_set",
        reason: "Customer runs IIS 6, Sectigo asked for the code",
        details: { from: -1, to: 14 },
      },
    ]);

    await customerSubmits(orderId, bed.input as Record<string, unknown>);
    const [atCa] = await sandboxOrders(bed.sandbox, (await stored(orderId)).externalOrderNumber);
    expect(atCa!.params.serverSoftware).toBe("14");
    expect(atCa!.params.isCustomerValidated).toBe("Y");
  });

  test("is refused to customers and support, for unknown codes, and once the order is placed", async () => {
    const orderId = await customerDraft(bed.input as Record<string, unknown>);
    const request = { orderId, serverSoftware: "2", reason: "Trying to change it" };

    as(customer);
    await expect(setServerSoftwareAction(undefined, request)).rejects.toThrow();
    as(support);
    await expect(setServerSoftwareAction(undefined, request)).rejects.toThrow();

    as(admin);
    const unknown = await setServerSoftwareAction(undefined, { ...request, serverSoftware: "99" });
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { serverSoftware: [expect.any(String)] } });
    const noReason = await setServerSoftwareAction(undefined, { ...request, reason: "" });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: [expect.any(String)] } });
    expect((await stored(orderId)).serverSoftware).toBeNull();

    await customerSubmits(orderId, bed.input as Record<string, unknown>);
    const placed = await stored(orderId);
    as(admin);
    const late = await setServerSoftwareAction(undefined, request);
    expect(late).toMatchObject({ ok: false });
    expect(await stored(orderId)).toEqual(placed);
    expect(await auditOf(orderId)).toEqual([]);
  });
});
