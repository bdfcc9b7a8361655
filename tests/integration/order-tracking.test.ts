import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { x509 } from "@/lib/csr/x509";
import { startStatusTicker, type StatusTicker } from "@/lib/jobs/status-ticker";
import { claimDueChecks, markDue, runCheck, type TrackingSettings } from "@/lib/orders/lifecycle/track";
import { createDraft } from "@/lib/orders/commands/drafts";
import { receivePush } from "@/lib/orders/commands/receive-push";
import { cancelOrRevoke } from "@/lib/orders/commands/revoke";
import { recordRefund } from "@/lib/orders/commands/record-refund";
import { renewOrder } from "@/lib/orders/commands/renew";
import { getOrderForViewer } from "@/lib/orders/queries/customer-order";
import { listRefundsToConfirm } from "@/lib/orders/queries/support";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { isRefusal } from "@/lib/refusal";
import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import type { SessionUser } from "@/lib/users/data";
import { testCsrs } from "@/tests/sectigo/support/csrs";
import { minimalInput } from "@/tests/sectigo/support/orders";
import { newUser, setFaults, startTestbed, submitAs, type Testbed } from "./order-harness";

// Status tracking against the sandbox CA over real HTTP: an order is placed, the sandbox moves it
// through its validation steps, the portal's checks follow it to the certificate, which is
// collected once and verified. Pushes are hints; cancel and revoke reach the sandbox once.

let bed: Testbed;
let prisma: PrismaClient;
let customer: SessionUser;
const settings: TrackingSettings = {
  minSeconds: 60,
  maxSeconds: 3600,
  perMinute: 1000,
  leaseSeconds: 60,
  minGapSeconds: 0,
  trustedRoots: [],
};

beforeAll(async () => {
  bed = await startTestbed("order_tracking");
  prisma = await db();
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  customer = await newUser("CUSTOMER");
});

async function place(code: ProductCode = 781): Promise<{ id: string; orderNumber: string; csr: string }> {
  const product = getProduct(code)!;
  const input = minimalInput(product, await testCsrs());
  const draft = await createDraft(customer, { product: code } as DraftInput, "review", false);
  const sent = await submitAs(customer, { orderId: draft.id, input: input as DraftInput, test: false });
  expect(sent).toMatchObject({ ok: true, status: "PLACED" });
  const row = await prisma.order.findUniqueOrThrow({ where: { id: draft.id } });
  return { id: draft.id, orderNumber: row.sectigoOrderNumber!, csr: input.csr as string };
}

async function sandbox(method: "GET" | "POST", route: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${bed.sandbox.url}${route}`, { method });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}
const advance = (n: string, toIssued = false) =>
  sandbox("POST", `/sandbox/orders/${n}/advance${toIssued ? "?to=issued&force=1" : ""}`);
const calls = async () => (await sandbox("GET", "/sandbox/state")).calls as Record<string, number>;

/** One check of one order, now (as the ticker does after a push or at its time). */
async function checkNow(orderId: string) {
  await markDue(prisma, orderId);
  const leases = await claimDueChecks(prisma, settings);
  const lease = leases.find((l) => l.orderId === orderId);
  expect(lease, "the order was due and claimable").toBeDefined();
  return runCheck(prisma, bed.client, lease!, settings);
}

const tracking = (orderId: string) => prisma.orderTracking.findUniqueOrThrow({ where: { orderId } });
const events = (orderId: string) =>
  prisma.orderEvent.findMany({ where: { orderId }, orderBy: [{ at: "asc" }, { id: "asc" }] });

const FAMILIES = [781, 777, 786, 783, 779, 782] as ProductCode[];

describe("tracking a placed order", () => {
  test("placing creates the tracking row, due at once", async () => {
    const order = await place();
    const row = await tracking(order.id);
    expect(row.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row.caStatus).toBeNull();
  });

  // Seal, citizen, PSD2 seal, QWAC, employee, and a QSCD token product.
  for (const code of FAMILIES) {
    test(`product ${code}: placed → validation steps → issued → collected and verified`, async () => {
      const product = getProduct(code)!;
      const order = await place(code);
      const first = await checkNow(order.id);
      expect(first).toMatchObject({ kind: "changed", status: "PLACED" });
      const t1 = await tracking(order.id);
      expect(t1.caStatus).not.toBeNull();
      const checklist = t1.checklist as { key: string; state: string }[];
      expect(checklist.length).toBeGreaterThan(0);
      if (product.qwac) expect(checklist.some((i) => i.key.startsWith("dcv:"))).toBe(true);
      expect(t1.nextCheckAt!.getTime()).toBeGreaterThan(Date.now());

      await advance(order.orderNumber);
      const second = await checkNow(order.id);
      expect(second.kind).toBe("changed");
      expect((await events(order.id)).some((e) => e.kind === "checklist_changed")).toBe(true);

      await advance(order.orderNumber, true);
      const issued = await checkNow(order.id);
      expect(issued).toMatchObject({ kind: "changed", status: "ISSUED" });
      const stored = await prisma.order.findUniqueOrThrow({
        where: { id: order.id },
        include: { certificate: true },
      });
      expect(stored.status).toBe("ISSUED");
      const cert = stored.certificate!;
      const leaf = new x509.X509Certificate(cert.certificatePem);
      if (!product.qscd) {
        const csrKey = new x509.Pkcs10CertificateRequest(order.csr).publicKey.rawData;
        expect(Buffer.from(leaf.publicKey.rawData).equals(Buffer.from(csrKey))).toBe(true);
      }
      // The chain verifies with OpenSSL, root as the only trust anchor.
      const chain = cert.chainPem as string[];
      const dir = mkdtempSync(path.join(tmpdir(), "tracking-"));
      writeFileSync(path.join(dir, "leaf.pem"), cert.certificatePem);
      writeFileSync(path.join(dir, "root.pem"), chain.at(-1)!);
      writeFileSync(path.join(dir, "chain.pem"), chain.slice(0, -1).join("\n"));
      const verified = execFileSync("openssl", [
        "verify",
        "-CAfile",
        path.join(dir, "root.pem"),
        "-untrusted",
        path.join(dir, "chain.pem"),
        path.join(dir, "leaf.pem"),
      ]).toString();
      expect(verified).toContain(": OK");
      const after = await tracking(order.id);
      expect(after.nextCheckAt).toBeNull();
      expect((await events(order.id)).filter((e) => e.kind === "issued")).toHaveLength(1);
      // No more checks for an issued order: nothing is due.
      expect(await markDue(prisma, order.id)).toBe(false);
    });
  }

  test("a rejection at Sectigo ends the order as CA_REJECTED", async () => {
    const order = await place();
    await checkNow(order.id);
    await sandbox("POST", `/sandbox/orders/${order.orderNumber}/reject`);
    expect(await checkNow(order.id)).toMatchObject({ kind: "changed", status: "CA_REJECTED" });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CA_REJECTED");
  });

  test("nothing changed: the wait doubles, up to the maximum", async () => {
    const order = await place();
    await checkNow(order.id);
    const first = (await tracking(order.id)).intervalSeconds;
    expect(await checkNow(order.id)).toEqual({ kind: "unchanged" });
    const second = (await tracking(order.id)).intervalSeconds;
    expect(first).toBe(settings.minSeconds);
    expect(second).toBe(first * 2);
  });

  test("a collection fault is retried without a second certificate", async () => {
    const order = await place();
    await advance(order.orderNumber, true);
    await setFaults(bed.sandbox, { endpoint: "collect", mode: "http503", remaining: 1 } as never);
    const failed = await checkNow(order.id);
    expect(failed).toMatchObject({ kind: "changed", status: "PLACED" });
    expect(await prisma.certificate.count({ where: { orderId: order.id } })).toBe(0);
    expect((await tracking(order.id)).lastError).toMatch(/Collecting the certificate/);
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
    expect(await prisma.certificate.count({ where: { orderId: order.id } })).toBe(1);
  });

  test("Sectigo down: the check fails, backs off, and the order stays as it was", async () => {
    const order = await place();
    await setFaults(bed.sandbox, { endpoint: "detailedStatus", mode: "http500" } as never);
    const outcome = await checkNow(order.id);
    expect(outcome.kind).toBe("failed");
    const row = await tracking(order.id);
    expect(row.checkFailures).toBe(1);
    expect(row.leaseUntil).toBeNull();
    expect(row.nextCheckAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PLACED");
    await setFaults(bed.sandbox, { endpoint: "detailedStatus" } as never);
    expect(await checkNow(order.id)).toMatchObject({ kind: "changed" });
    expect((await tracking(order.id)).checkFailures).toBe(0);
  });
});

describe("budget and leases", () => {
  test("all claimers together stay within the checks per minute, spread over the minute, and never claim one order twice", async () => {
    for (let i = 0; i < 5; i++) await place();
    // 36 a minute: at most 3 in any 5 s.
    const tight = { ...settings, perMinute: 36 };
    const t0 = new Date();
    const [a, b] = await Promise.all([claimDueChecks(prisma, tight, t0), claimDueChecks(prisma, tight, t0)]);
    const claimed = [...a, ...b].map((l) => l.orderId);
    expect(claimed).toHaveLength(3);
    expect(new Set(claimed).size).toBe(3);
    expect(await claimDueChecks(prisma, tight, new Date(t0.getTime() + 1000))).toEqual([]);
    // The next 5 s may take the rest.
    const later = await claimDueChecks(prisma, tight, new Date(t0.getTime() + 6000));
    expect(later).toHaveLength(2);
    expect(new Set([...claimed, ...later.map((l) => l.orderId)]).size).toBe(5);
  });

  test("the minute's budget holds however the checks are spread", async () => {
    for (let i = 0; i < 4; i++) await place();
    const tiny = { ...settings, perMinute: 2 };
    const t0 = new Date();
    expect(await claimDueChecks(prisma, tiny, t0)).toHaveLength(1);
    expect(await claimDueChecks(prisma, tiny, new Date(t0.getTime() + 6000))).toHaveLength(1);
    expect(await claimDueChecks(prisma, tiny, new Date(t0.getTime() + 30_000))).toEqual([]);
    expect(await claimDueChecks(prisma, tiny, new Date(t0.getTime() + 61_000))).toHaveLength(1);
  });
});

describe("Sectigo's push", () => {
  test("is a hint: it makes the order due, repeats change nothing more, unknown or forged ones are refused", async () => {
    const order = await place();
    await checkNow(order.id);
    const before = await tracking(order.id);
    expect(before.nextCheckAt!.getTime()).toBeGreaterThan(Date.now());
    const eventsBefore = (await events(order.id)).length;

    const unknown = await receivePush(
      prisma,
      new URLSearchParams({ orderNumber: "999999999", statusCode: "6" }),
    );
    expect(unknown.status).toBe(404);
    const forged = await receivePush(
      prisma,
      new URLSearchParams({
        orderNumber: order.orderNumber,
        certificateID: "1111111111111111",
        statusCode: "6",
      }),
    );
    expect(forged.status).toBe(404);
    expect((await tracking(order.id)).nextCheckAt).toEqual(before.nextCheckAt);

    const push = new URLSearchParams({ orderNumber: order.orderNumber, statusCode: "6" });
    expect((await receivePush(prisma, push)).status).toBe(200);
    expect((await receivePush(prisma, push)).status).toBe(200);
    const after = await tracking(order.id);
    expect(after.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    // A push claims no certificate and writes no timeline entry: only the check it causes does.
    expect((await events(order.id)).length).toBe(eventsBefore);
    expect(await prisma.certificate.count({ where: { orderId: order.id } })).toBe(0);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PLACED");
  });
});

describe("through Sectigo's push", () => {
  let receiver: Server;
  let ticker: StatusTicker;
  const received: string[] = [];

  beforeAll(async () => {
    // What app/api/sectigo/push does: the push makes the order due, the ticker checks it.
    receiver = createServer((req, res) => {
      const params = new URL(req.url ?? "/", "http://portal.invalid").searchParams;
      received.push(params.toString());
      void receivePush(prisma, params).then((answer) => {
        if (answer.status === 200) ticker.wake();
        res.writeHead(answer.status).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as AddressInfo;
    bed.sandbox.state.settings.pushUrl = `http://127.0.0.1:${port}/api/sectigo/push`;
    // Ticks far apart: only the push's wake-up can bring the certificate in time.
    ticker = startStatusTicker(prisma, () => bed.client, settings, 3600);
  });
  afterAll(async () => {
    bed.sandbox.state.settings.pushUrl = undefined;
    await ticker?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  for (const code of FAMILIES) {
    test(`product ${code}: issued at Sectigo, pushed, checked and collected without polling`, async () => {
      const order = await place(code);
      await checkNow(order.id);
      const waiting = await tracking(order.id);
      expect(waiting.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);

      await advance(order.orderNumber, true);
      await expect
        .poll(async () => (await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status, {
          timeout: 15_000,
        })
        .toBe("ISSUED");
      expect(received.some((q) => q.includes(order.orderNumber))).toBe(true);
      expect(await prisma.certificate.count({ where: { orderId: order.id } })).toBe(1);
      expect((await events(order.id)).filter((e) => e.kind === "issued")).toHaveLength(1);
      const pushed = bed.sandbox.state.pushes.filter((p) => p.orderNumber === order.orderNumber);
      expect(pushed).toMatchObject([{ statusCode: 6, delivered: true }]);
    });
  }
});

describe("cancel and revoke", () => {
  const reason = { reasonCode: 5 as const, reasonText: "no longer needed", confirm: "yes" as const };

  test("cancelling a pending order reaches Sectigo once, a second request is refused", async () => {
    const order = await place();
    const before = (await calls()).revoke ?? 0;
    const result = await cancelOrRevoke(
      customer,
      { orderId: order.id, action: "cancel", ...reason },
      bed.client,
    );
    expect(result).toMatchObject({ kind: "done", status: "CANCELLED" });
    const again = await cancelOrRevoke(
      customer,
      { orderId: order.id, action: "cancel", ...reason },
      bed.client,
    ).catch((e) => e);
    expect(isRefusal(again)).toBe(true);
    expect((await calls()).revoke).toBe(before + 1);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    expect(
      await prisma.auditEvent.count({ where: { orderId: order.id, action: "order.cancel_requested" } }),
    ).toBe(1);
  });

  test("two concurrent revocations of an issued certificate make one call", async () => {
    const order = await place();
    await advance(order.orderNumber, true);
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
    const before = (await calls()).revoke ?? 0;
    const results = await Promise.allSettled([
      cancelOrRevoke(customer, { orderId: order.id, action: "revoke", ...reason }, bed.client),
      cancelOrRevoke(customer, { orderId: order.id, action: "revoke", ...reason }, bed.client),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await calls()).revoke).toBe(before + 1);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("REVOKED");
    const sandboxOrder = await sandbox("GET", `/sandbox/orders/${order.orderNumber}`);
    expect(sandboxOrder.state).toBe("revoked");
  });

  test("a cancel confirmed before the certificate was issued is refused once it is: nothing sent, nothing changed", async () => {
    const order = await place();
    // The customer loads the page (PLACED) and opens "Cancel this order"; meanwhile Sectigo issues
    // and the portal collects the certificate.
    await advance(order.orderNumber, true);
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
    const before = (await calls()).revoke ?? 0;
    const refused = await cancelOrRevoke(
      customer,
      { orderId: order.id, action: "cancel", ...reason },
      bed.client,
    ).catch((e) => e);
    expect(isRefusal(refused) && refused.message).toBe(
      "The certificate was issued in the meantime; nothing was sent. To stop it, revoke it below.",
    );
    expect((await calls()).revoke ?? 0).toBe(before);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("ISSUED");
    expect((await tracking(order.id)).revocationRequestedAt).toBeNull();
    expect((await sandbox("GET", `/sandbox/orders/${order.orderNumber}`)).state).toBe("issued");
    // The revocation the customer may then confirm still works, once.
    const revoked = await cancelOrRevoke(
      customer,
      { orderId: order.id, action: "revoke", ...reason },
      bed.client,
    );
    expect(revoked).toMatchObject({ kind: "done", status: "REVOKED" });
    expect((await calls()).revoke).toBe(before + 1);
  });

  test("a cancel of an order Sectigo issued before the portal collected it is refused, and nothing revoked", async () => {
    const order = await place();
    await checkNow(order.id);
    await advance(order.orderNumber, true);
    // The portal still says PLACED; Sectigo would revoke the issued certificate on this call.
    const before = (await calls()).revoke ?? 0;
    const refused = await cancelOrRevoke(
      customer,
      { orderId: order.id, action: "cancel", ...reason },
      bed.client,
    ).catch((e) => e);
    expect(isRefusal(refused) && refused.message).toMatch(/issued in the meantime; nothing was sent/);
    expect((await calls()).revoke ?? 0).toBe(before);
    expect((await sandbox("GET", `/sandbox/orders/${order.orderNumber}`)).state).toBe("issued");
    expect((await tracking(order.id)).revocationRequestedAt).toBeNull();
    // The order is due a check at once, which collects the certificate.
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
  });

  test("a revocation confirmed for an order not issued is refused without a call", async () => {
    const order = await place();
    const before = (await calls()).revoke ?? 0;
    const refused = await cancelOrRevoke(
      customer,
      { orderId: order.id, action: "revoke", ...reason },
      bed.client,
    ).catch((e) => e);
    expect(isRefusal(refused) && refused.code).toBe("conflict");
    expect((await calls()).revoke ?? 0).toBe(before);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PLACED");
  });

  test("a cancellation at Sectigo puts the refund in support's queue until support records Sectigo's answer: once, audited, shown to the customer", async () => {
    const order = await place();
    await cancelOrRevoke(customer, { orderId: order.id, action: "cancel", ...reason }, bed.client);
    const agent = await newUser("SUPPORT");
    expect((await listRefundsToConfirm(agent)).map((r) => r.id)).toEqual([order.id]);
    expect((await getOrderForViewer(customer, order.id))!.after.refund).toMatchObject({
      state: "to_confirm",
    });

    const input = {
      orderId: order.id,
      outcome: "refunded" as const,
      reason: "Sectigo support confirmed it (ticket 4711)",
    };
    const forbidden = await recordRefund(customer, input).catch((e) => e);
    expect(isRefusal(forbidden) && forbidden.code).toBe("forbidden");
    const done = await recordRefund(agent, input);
    expect(done.message).toMatch(/refunded/);
    const again = await recordRefund(agent, { ...input, outcome: "declined" }).catch((e) => e);
    expect(isRefusal(again) && again.code).toBe("conflict");

    expect(await listRefundsToConfirm(agent)).toEqual([]);
    const audit = await prisma.auditEvent.findMany({
      where: { orderId: order.id, action: "order.refund_recorded" },
    });
    expect(audit).toMatchObject([
      { actorId: agent.id, reason: input.reason, details: { outcome: "refunded" } },
    ]);
    const seen = (await getOrderForViewer(customer, order.id))!.after;
    expect(seen.refund).toMatchObject({ state: "refunded" });
    expect(seen.events.some((e) => e.kind === "refund_recorded" && /Sectigo refunded/.test(e.summary))).toBe(
      true,
    );
  });

  test("renewing a revoked certificate or a token order never reuses the key", async () => {
    const order = await place();
    await advance(order.orderNumber, true);
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
    await cancelOrRevoke(customer, { orderId: order.id, action: "revoke", ...reason }, bed.client);
    const reuse = await renewOrder(customer, order.id, { reuseKey: true }).catch((e) => e);
    expect(isRefusal(reuse) && reuse.code).toBe("not_allowed");
    const renewed = await renewOrder(customer, order.id, { reuseKey: false });
    const draft = await prisma.order.findUniqueOrThrow({ where: { id: renewed.id } });
    expect((draft.input as Record<string, unknown>).csr).toBeUndefined();

    const token = await place(782);
    await advance(token.orderNumber, true);
    expect(await checkNow(token.id)).toMatchObject({ status: "ISSUED" });
    const tokenReuse = await renewOrder(customer, token.id, { reuseKey: true }).catch((e) => e);
    expect(isRefusal(tokenReuse) && tokenReuse.message).toMatch(/no key to reuse/);
  });

  test("a key revoked as lost or exposed is never certified again: the next order with it is refused, nothing sent", async () => {
    const order = await place();
    await advance(order.orderNumber, true);
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
    const compromised = { reasonCode: 1, reasonText: "key on a stolen laptop", confirm: "yes" as const };
    expect(
      await cancelOrRevoke(customer, { orderId: order.id, action: "revoke", ...compromised }, bed.client),
    ).toMatchObject({ kind: "done", status: "REVOKED" });
    expect(await prisma.compromisedKey.count()).toBe(1);

    const placedBefore = (await calls()).autoApplyOrder ?? 0;
    const product = getProduct(781)!;
    const input = minimalInput(product, await testCsrs());
    const draft = await createDraft(customer, { product: 781 } as DraftInput, "review", false);
    const refused = await submitAs(customer, { orderId: draft.id, input: input as DraftInput, test: false });
    expect(refused).toMatchObject({ ok: false });
    expect(JSON.stringify(refused)).toMatch(/reported lost or exposed .* never certified again/);
    expect((await calls()).autoApplyOrder ?? 0).toBe(placedBefore);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");

    // Another reason leaves the key usable.
    await prisma.compromisedKey.deleteMany();
    const other = await place();
    await advance(other.orderNumber, true);
    await checkNow(other.id);
    await cancelOrRevoke(customer, { orderId: other.id, action: "revoke", ...reason }, bed.client);
    expect(await prisma.compromisedKey.count()).toBe(0);
  });

  test("another customer cannot cancel the order", async () => {
    const order = await place();
    const stranger = await newUser("CUSTOMER");
    const refused = await cancelOrRevoke(
      stranger,
      { orderId: order.id, action: "cancel", ...reason },
      bed.client,
    ).catch((e) => e);
    expect(isRefusal(refused) && refused.code).toBe("not_found");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PLACED");
  });
});
