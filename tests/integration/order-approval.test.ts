import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft, saveDraft } from "@/lib/orders/commands/drafts";
import { approveOrder, rejectOrder, withdrawOrder } from "@/lib/orders/commands/approve";
import { getApprovalView, listAwaitingApproval } from "@/lib/orders/approval/queries";
import { listCustomerDrafts } from "@/lib/orders/queries/search";
import { getApprovalSettings, updateApprovalSettings } from "@/lib/organizations/approval-settings";
import { isRefusal } from "@/lib/refusal";
import { getProduct } from "@/lib/sectigo/products";
import { seedDemoPrices } from "@/lib/prices/demo";
import { ORDER_QUOTE, storedQuote } from "@/lib/prices/order-quote";
import type { SessionUser } from "@/lib/users/data";
import { minimalInput } from "@/tests/sectigo/support/orders";
import type { TestCsrs } from "@/tests/sectigo/support/csrs";
import { makeCsr } from "@/tests/support/csr";
import {
  attemptsOf,
  auditOf,
  newUser,
  orderRow,
  sandboxOrders,
  startTestbed,
  submitAs,
  type Testbed,
} from "./order-harness";

// The approval workflow (issue 15) against PostgreSQL and the sandbox CA over HTTP: a legal-person
// order of an organization that requires approval waits, frozen, for an approver; approving is
// the normal send, claimed at the order's version, so every race ends in one order at the CA.

let bed: Testbed;
let requester: SessionUser;
let approverA: SessionUser;
let approverB: SessionUser;
let viewer: SessionUser;
let owner: SessionUser;
let outsider: SessionUser;
let support: SessionUser;
let orgId: string;

beforeAll(async () => {
  bed = await startTestbed("order_approval");
});
afterAll(async () => {
  await bed?.close();
});

async function organization(
  members: [SessionUser, OrgRole[]][],
  settings: { selfApprovalAllowed?: boolean } = {},
) {
  const prisma = await db();
  const org = await prisma.organization.create({
    data: {
      name: "Example GmbH",
      ...settings,
      members: { create: members.map(([user, roles]) => ({ userId: user.id, roles })) },
    },
    select: { id: true },
  });
  return org.id;
}

beforeEach(async () => {
  await bed.reset();
  [requester, approverA, approverB, viewer, owner, outsider, support] = await Promise.all([
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("SUPPORT"),
  ]);
  orgId = await organization([
    [requester, ["REQUESTER"]],
    [approverA, ["APPROVER"]],
    [approverB, ["APPROVER", "VIEWER"]],
    [viewer, ["VIEWER"]],
    [owner, ["OWNER"]],
  ]);
});

/** A requester's legal-person order submitted in the organization; returns its id and version. */
async function submitForApproval(input: DraftInput = bed.input as DraftInput, by = requester, org = orgId) {
  const draft = await createDraft(by, input, "review", false, { organizationId: org });
  const result = await submitAs(by, { orderId: draft.id, input, test: false });
  if (!result.ok) throw new Error(`submission refused: ${result.message}`);
  const row = await orderRow(draft.id);
  return { ...row, result };
}

async function outcome<T>(work: () => Promise<T>) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return { ok: false as const, code: error.code, message: error.message };
  }
}

async function mailsOf(template: string) {
  const prisma = await db();
  return prisma.mailOutbox.findMany({
    where: { template },
    orderBy: { createdAt: "asc" },
    select: { recipient: true, userId: true, data: true },
  });
}

async function eventsOf(orderId: string) {
  const prisma = await db();
  return prisma.orderEvent.findMany({
    where: { orderId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { kind: true, summary: true, actorId: true, data: true },
  });
}

describe("submitting for approval", () => {
  test("a legal-person order waits, validated and frozen, with nothing at the sandbox; approvers are mailed", async () => {
    await seedDemoPrices();
    const order = await submitForApproval();
    expect(order.result).toMatchObject({ ok: true, status: "AWAITING_APPROVAL" });
    expect(order.status).toBe("AWAITING_APPROVAL");
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
    expect(await attemptsOf(order.id)).toHaveLength(0);

    const mails = await mailsOf("approval-requested");
    expect(mails.map((m) => m.userId).sort()).toEqual([approverA.id, approverB.id].sort());
    expect((await eventsOf(order.id)).map((e) => e.kind)).toEqual(["approval_requested"]);
    expect((await auditOf(order.id)).map((a) => a.action)).toEqual(["order.approval_requested"]);

    // The approval view shows the parameters the send would post, with no credentials.
    const view = await getApprovalView(approverA, order.id);
    const names = view?.params?.map((p) => p.name) ?? [];
    expect(names).toContain("foreignOrderNumber");
    expect(names).not.toContain("loginName");
    expect(names).not.toContain("loginPassword");
    expect(view?.params?.find((p) => p.name === "foreignOrderNumber")?.value).toBe(order.externalOrderNumber);
    // In the approver's words: each name's label, and a coded value's meaning beside the exact one.
    const product = view?.params?.find((p) => p.name === "product");
    const productName = getProduct(Number(product?.value))?.name;
    expect(productName).toBeTruthy();
    expect(product).toMatchObject({ label: "Certificate type", meaning: productName });
    expect(view?.params?.find((p) => p.name === "foreignOrderNumber")).toMatchObject({
      label: "Our order reference",
      meaning: null,
    });
    // The approver sees the price quoted to the requester, as stored on the order.
    const prisma = await db();
    const stored = storedQuote(
      await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: ORDER_QUOTE }),
    );
    expect(stored?.gross).toBeTruthy();
    expect(view?.quote).toEqual(stored);
    expect((await listAwaitingApproval(approverB)).map((o) => o.id)).toEqual([order.id]);
    expect(await listAwaitingApproval(viewer)).toEqual([]);
    expect(await listAwaitingApproval(outsider)).toEqual([]);
  });

  test("the frozen input cannot be edited while it waits; withdrawing makes it a draft again", async () => {
    const order = await submitForApproval();
    const edit = await outcome(() =>
      saveDraft(
        requester,
        order.id,
        order.version,
        { ...bed.input, organizationName: "Other" } as DraftInput,
        "review",
        false,
      ),
    );
    expect(edit).toMatchObject({ ok: false });
    const resubmit = await submitAs(requester, {
      orderId: order.id,
      input: bed.input as DraftInput,
      test: false,
    });
    expect(resubmit.ok).toBe(false);

    expect(await outcome(() => withdrawOrder(approverA, { orderId: order.id }))).toMatchObject({
      ok: false,
      code: "not_found",
    });
    await withdrawOrder(requester, { orderId: order.id, version: order.version });
    const after = await orderRow(order.id);
    expect(after.status).toBe("DRAFT");
    // The approver's view of the old version is now stale.
    expect(
      await outcome(() => approveOrder(approverA, { orderId: order.id, version: order.version })),
    ).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect((await eventsOf(order.id)).map((e) => e.kind)).toEqual([
      "approval_requested",
      "approval_withdrawn",
    ]);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
  });

  test("natural-person products, personal organizations and organizations without approval are sent directly", async () => {
    const person = await makeCsr({ subject: { commonName: "Erika Mustermann" } });
    const natural = minimalInput(getProduct(777)!, { person } as TestCsrs) as DraftInput;
    const direct = await submitForApproval(natural);
    expect(direct.status).toBe("PLACED");
    expect(await sandboxOrders(bed.sandbox, direct.externalOrderNumber)).toHaveLength(1);

    const personalOrg = await submitForApproval(bed.input as DraftInput, requester, requester.id);
    expect(personalOrg.status).toBe("PLACED");

    await updateApprovalSettings(owner, {
      organizationId: orgId,
      approvalRequired: false,
      selfApprovalAllowed: false,
    });
    const off = await submitForApproval();
    expect(off.status).toBe("PLACED");
    expect(await sandboxOrders(bed.sandbox, off.externalOrderNumber)).toHaveLength(1);
    expect(await mailsOf("approval-requested")).toHaveLength(0);
  });
});

describe("deciding", () => {
  test("approving sends exactly one order to the sandbox; the requester is mailed; a second click is already decided", async () => {
    const order = await submitForApproval();
    const approved = await approveOrder(approverA, { orderId: order.id, version: order.version });
    expect(approved.status).toBe("PLACED");
    const again = await outcome(() => approveOrder(approverB, { orderId: order.id, version: order.version }));
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);

    const attempts = await attemptsOf(order.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.triggeredById).toBe(approverA.id);
    expect((await mailsOf("approval-approved")).map((m) => m.userId)).toEqual([requester.id]);
    expect((await eventsOf(order.id)).map((e) => e.kind)).toEqual([
      "approval_requested",
      "approval_approved",
    ]);
    expect((await auditOf(order.id)).map((a) => a.action)).toEqual([
      "order.approval_requested",
      "order.approved",
    ]);
    // On the order's timeline the approval comes before the send it caused.
    const prisma = await db();
    const { at: approvedAt } = await prisma.orderEvent.findFirstOrThrow({
      where: { orderId: order.id, kind: "approval_approved" },
      select: { at: true },
    });
    const { startedAt } = await prisma.orderAttempt.findFirstOrThrow({
      where: { orderId: order.id },
      select: { startedAt: true },
    });
    expect(approvedAt.getTime()).toBeLessThanOrEqual(startedAt.getTime());
  });

  test("ten concurrent approvals by two approvers place one order; the others are told it was decided", async () => {
    const order = await submitForApproval();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcome(() =>
          approveOrder(i % 2 ? approverA : approverB, { orderId: order.id, version: order.version }),
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "conflict")).toBe(true);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
    expect(await attemptsOf(order.id)).toHaveLength(1);
    expect((await orderRow(order.id)).status).toBe("PLACED");
    expect(await mailsOf("approval-approved")).toHaveLength(1);
  });

  test("approve racing reject ends in exactly one outcome", async () => {
    for (let round = 0; round < 3; round += 1) {
      const order = await submitForApproval();
      const [approve, reject] = await Promise.all([
        outcome(() => approveOrder(approverA, { orderId: order.id, version: order.version })),
        outcome(() =>
          rejectOrder(approverB, { orderId: order.id, version: order.version, reason: "Wrong company" }),
        ),
      ]);
      expect([approve.ok, reject.ok].filter(Boolean)).toHaveLength(1);
      const loser = approve.ok ? reject : approve;
      expect(loser).toMatchObject({ ok: false, code: "conflict" });
      const atCa = await sandboxOrders(bed.sandbox, order.externalOrderNumber);
      const row = await orderRow(order.id);
      if (approve.ok) {
        expect(row.status).toBe("PLACED");
        expect(atCa).toHaveLength(1);
      } else {
        expect(row.status).toBe("DRAFT");
        expect(atCa).toHaveLength(0);
      }
    }
  });

  test("rejection needs nothing at the CA, stores and mails the reason, and the requester can fix and resubmit", async () => {
    const order = await submitForApproval();
    await rejectOrder(approverB, {
      orderId: order.id,
      version: order.version,
      reason: "Use our registered name",
    });
    expect((await orderRow(order.id)).status).toBe("DRAFT");
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
    const events = await eventsOf(order.id);
    expect(events.at(-1)).toMatchObject({
      kind: "approval_rejected",
      actorId: approverB.id,
      data: expect.objectContaining({ reason: "Use our registered name" }),
    });
    expect((await auditOf(order.id)).at(-1)).toMatchObject({
      action: "order.approval_rejected",
      reason: "Use our registered name",
    });
    // The requester's draft list says it was rejected.
    expect((await listCustomerDrafts(requester)).find((d) => d.id === order.id)?.rejected).toBe(true);
    const mails = await mailsOf("approval-rejected");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      userId: requester.id,
      data: expect.objectContaining({ reason: "Use our registered name" }),
    });

    const resubmitted = await submitAs(requester, {
      orderId: order.id,
      input: bed.input as DraftInput,
      test: false,
    });
    expect(resubmitted).toMatchObject({ ok: true, status: "AWAITING_APPROVAL" });
    const row = await orderRow(order.id);
    expect((await approveOrder(approverA, { orderId: order.id, version: row.version })).status).toBe(
      "PLACED",
    );
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  });
});

describe("who may decide", () => {
  test("the requester cannot approve their own order unless the organization allows it", async () => {
    const prisma = await db();
    await prisma.membership.update({
      where: { organizationId_userId: { organizationId: orgId, userId: requester.id } },
      data: { roles: ["REQUESTER", "APPROVER"] },
    });
    const order = await submitForApproval();
    // Only the other approvers are asked.
    expect((await mailsOf("approval-requested")).map((m) => m.userId)).not.toContain(requester.id);
    const self = await outcome(() => approveOrder(requester, { orderId: order.id, version: order.version }));
    expect(self).toMatchObject({ ok: false, code: "forbidden" });
    expect((await orderRow(order.id)).status).toBe("AWAITING_APPROVAL");

    await updateApprovalSettings(owner, {
      organizationId: orgId,
      approvalRequired: true,
      selfApprovalAllowed: true,
    });
    expect((await approveOrder(requester, { orderId: order.id, version: order.version })).status).toBe(
      "PLACED",
    );
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  });

  test("viewers, the requester, owners, members of another organization and support cannot approve or reject", async () => {
    const otherOrg = await organization([[outsider, ["APPROVER", "REQUESTER"]]]);
    expect(otherOrg).not.toBe(orgId);
    const order = await submitForApproval();
    for (const user of [viewer, requester, owner, outsider, support]) {
      const approve = await outcome(() => approveOrder(user, { orderId: order.id, version: order.version }));
      const reject = await outcome(() =>
        rejectOrder(user, { orderId: order.id, version: order.version, reason: "No" }),
      );
      expect(approve.ok, user.name).toBe(false);
      expect(reject.ok, user.name).toBe(false);
      expect(await getApprovalView(user, order.id)).toBeNull();
    }
    expect((await orderRow(order.id)).status).toBe("AWAITING_APPROVAL");
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
    // Support cannot send it past the approver either.
    const supportSend = await submitAs(support, {
      orderId: order.id,
      input: bed.input as DraftInput,
      test: false,
    });
    expect(supportSend.ok).toBe(false);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
  });

  test("a removed approver loses the right at once", async () => {
    const order = await submitForApproval();
    const prisma = await db();
    await prisma.membership.delete({
      where: { organizationId_userId: { organizationId: orgId, userId: approverA.id } },
    });
    const approve = await outcome(() =>
      approveOrder(approverA, { orderId: order.id, version: order.version }),
    );
    expect(approve).toMatchObject({ ok: false, code: "not_found" });
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(0);
  });
});

describe("approval settings", () => {
  test("only a managing member changes them, audited; personal organizations have none", async () => {
    expect(await getApprovalSettings(owner, orgId)).toMatchObject({
      approvalRequired: true,
      selfApprovalAllowed: false,
    });
    for (const user of [approverA, requester, viewer, outsider, support]) {
      expect(await getApprovalSettings(user, orgId)).toBeNull();
      const change = await outcome(() =>
        updateApprovalSettings(user, {
          organizationId: orgId,
          approvalRequired: false,
          selfApprovalAllowed: true,
        }),
      );
      expect(change).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await getApprovalSettings(requester, requester.id)).toBeNull();
    await updateApprovalSettings(owner, {
      organizationId: orgId,
      approvalRequired: false,
      selfApprovalAllowed: true,
    });
    expect(await getApprovalSettings(owner, orgId)).toMatchObject({
      approvalRequired: false,
      selfApprovalAllowed: true,
    });
    const prisma = await db();
    const audit = await prisma.auditEvent.findMany({
      where: { action: "organization.approval_settings_changed" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: owner.id,
      details: {
        organizationId: orgId,
        before: { approvalRequired: true, selfApprovalAllowed: false },
        after: { approvalRequired: false, selfApprovalAllowed: true },
      },
    });
  });
});
