import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { submitOrder } from "@/lib/orders/commands/submit";
import { getProduct } from "@/lib/sectigo/products";
import { orderInputSchema } from "@/lib/sectigo/schema";
import type { SessionUser } from "@/lib/users/data";
import { installQueryTimer, type QueryTimer } from "@/scripts/bench/query-timer";
import { minimalInput } from "@/tests/sectigo/support/orders";
import type { TestCsrs } from "@/tests/sectigo/support/csrs";
import {
  attemptsOf,
  newUser,
  orderRow,
  sandboxOrders,
  startTestbed,
  submitAs,
  type Testbed,
} from "./order-harness";

// A send is one pass (issue 11): the order read once (with its shipping row and server
// software), one claim statement that stores the validated input and the PENDING attempt with
// the request, the call, one outcome statement. Counted where Prisma hands queries to pg. Issue
// 15 adds one: the price lookup whose quote the claim stores (lib/prices/submit-quote.ts).

let bed: Testbed;
let customer: SessionUser;
let support: SessionUser;
let timer: QueryTimer;

beforeAll(async () => {
  bed = await startTestbed("submit_one_pass");
  timer = installQueryTimer();
});
afterAll(async () => {
  timer?.uninstall();
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  [customer, support] = await Promise.all([newUser("CUSTOMER"), newUser("SUPPORT")]);
});

const shippingWrites = () => kinds().filter((k) => /^(INSERT|UPDATE|DELETE)[^(]*"ShippingDetails"/.test(k));
const kinds = () => timer.statements.map((s) => s.text.replace(/\s+/g, " ").trim());

describe("one pass per send", () => {
  test("a customer's submission is four statements: read, price, claim, outcome", async () => {
    const draft = await createDraft(customer, { product: 781 } as DraftInput, "organization", false);
    const before = Date.now();
    timer.reset();
    const sent = await submitOrder(customer, {
      orderId: draft.id,
      input: bed.input as DraftInput,
      test: false,
    });
    expect(sent).toEqual({ orderId: draft.id, status: "PLACED" });
    expect(kinds()).toEqual([
      expect.stringMatching(/^SELECT o."id".* LEFT JOIN "ShippingDetails"/),
      expect.stringMatching(/^SELECT op."id" .* LEFT JOIN "VatRate"/),
      expect.stringMatching(/^WITH claimed AS \( UPDATE "Order"/),
      expect.stringMatching(/^WITH moved AS \( UPDATE "Order"/),
    ]);

    expect((await orderRow(draft.id)).status).toBe("PLACED");
    const prisma = await db();
    const stored = await prisma.order.findUniqueOrThrow({
      where: { id: draft.id },
      select: {
        input: true,
        currentStep: true,
        submittedAt: true,
        updatedAt: true,
        version: true,
        productCode: true,
        organizationName: true,
      },
    });
    expect(stored).toMatchObject({ productCode: 781, organizationName: "Example GmbH" });
    // The input as validated (the CSR trimmed), not as posted.
    expect(stored.input).toEqual(JSON.parse(JSON.stringify(orderInputSchema.parse(bed.input))));
    expect(stored.currentStep).toBe("review");
    // Written as UTC like Prisma writes them: within the test's own clock window.
    for (const at of [stored.submittedAt!, stored.updatedAt]) {
      expect(at.getTime()).toBeGreaterThanOrEqual(before - 5);
      expect(at.getTime()).toBeLessThanOrEqual(Date.now() + 5);
    }
    expect(stored.version).toBe(draft.version + 2);

    const [attempt, ...others] = await attemptsOf(draft.id);
    expect(others).toEqual([]);
    expect(attempt).toMatchObject({ outcome: "PLACED", trigger: "CUSTOMER", triggeredById: customer.id });
    const request = attempt!.request as { url: string; method: string; params: Record<string, string> };
    expect(request.url).toBe(bed.client.endpoint);
    expect(request.params.loginPassword).toBe("[REDACTED]");
    expect(JSON.stringify(request)).not.toContain(bed.sandbox.loginPassword);
    const [atCa] = await sandboxOrders(bed.sandbox, draft.externalOrderNumber);
    const { loginPassword: _sent, ...sentParams } = atCa!.params;
    // The sandbox keeps what it received without the credentials.
    expect(request.params.loginName).toBe(bed.client.loginName);
    const { loginPassword: _stored, loginName: _name, ...storedParams } = request.params;
    expect(storedParams).toEqual(sentParams);
  });

  test("a support edit writes its audit row in the claim's transaction; a refused claim writes nothing", async () => {
    const draft = await createDraft(customer, bed.input as DraftInput, "review", false);
    const prisma = await db();
    await prisma.order.update({ where: { id: draft.id }, data: { status: "REJECTED", version: 5 } });
    timer.reset();
    const sent = await submitOrder(support, {
      orderId: draft.id,
      input: bed.input as DraftInput,
      test: false,
    });
    expect(sent.status).toBe("PLACED");
    expect(kinds()).toEqual([
      expect.stringMatching(/^SELECT/),
      expect.stringMatching(/^SELECT op."id"/),
      "BEGIN",
      expect.stringMatching(/^WITH claimed AS/),
      expect.stringMatching(/^INSERT INTO "public"."AuditEvent"/),
      "COMMIT",
      expect.stringMatching(/^WITH moved AS/),
    ]);

    // The same version again: the claim refuses it, and neither the audit nor an attempt is kept.
    await prisma.order.update({ where: { id: draft.id }, data: { status: "REJECTED", version: 9 } });
    const audits = await prisma.auditEvent.count({ where: { orderId: draft.id } });
    const racing = [
      submitAs(support, { orderId: draft.id, input: bed.input as DraftInput, test: false, version: 9 }),
      submitAs(support, { orderId: draft.id, input: bed.input as DraftInput, test: false, version: 9 }),
    ];
    const results = await Promise.all(racing);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: "conflict" });
    expect(await prisma.auditEvent.count({ where: { orderId: draft.id } })).toBe(audits + 1);
    expect(await attemptsOf(draft.id)).toHaveLength(2);
  });

  test("shipping details are written when they change, and only then", async () => {
    const product = getProduct(782)!;
    const input = minimalInput(product, { person: bed.input.csr } as TestCsrs);
    const draft = await createDraft(customer, input as DraftInput, "review", false);
    const prisma = await db();
    timer.reset();
    await submitOrder(customer, { orderId: draft.id, input: input as DraftInput, test: false });
    expect(shippingWrites()).toHaveLength(1);
    const shipping = () => prisma.shippingDetails.findUniqueOrThrow({ where: { orderId: draft.id } });
    expect(await shipping()).toMatchObject({ forename: "Ann", surname: "Example" });

    // Resubmitted unchanged: the shipping row is left alone.
    await prisma.order.update({ where: { id: draft.id }, data: { status: "REJECTED" } });
    timer.reset();
    await submitOrder(customer, { orderId: draft.id, input: input as DraftInput, test: false });
    expect(shippingWrites()).toEqual([]);
    expect(kinds()).not.toContain("BEGIN");

    // Changed: written again.
    await prisma.order.update({ where: { id: draft.id }, data: { status: "REJECTED" } });
    timer.reset();
    const changed = { ...input, shippingForename: "Bea" } as DraftInput;
    await submitOrder(customer, { orderId: draft.id, input: changed, test: false });
    expect(shippingWrites()).toHaveLength(1);
    expect(await shipping()).toMatchObject({ forename: "Bea" });
  });
});
