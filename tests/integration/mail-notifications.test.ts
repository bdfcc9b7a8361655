import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { openDatabase, type DatabaseHandle } from "@/lib/db/open";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RunningCatcher } from "@/lib/mail/catcher";
import { queueExpiryReminders } from "@/lib/mail/expiry";
import { getMailPreferencesByToken, unsubscribeByToken } from "@/lib/mail/preferences";
import { signPreferencesToken } from "@/lib/mail/preferences-token";
import { drainOutbox } from "@/lib/mail/drain";
import { DEFAULT_SEND_OPTIONS } from "@/lib/mail/send";
import { createDraft } from "@/lib/orders/commands/drafts";
import { cancelOrRevoke } from "@/lib/orders/commands/revoke";
import { claimDueChecks, markDue, runCheck, type TrackingSettings } from "@/lib/orders/lifecycle/track";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { SUPPORT_QUEUE } from "@/lib/orders/model/transitions";
import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import type { SessionUser } from "@/lib/users/data";
import { testCsrs } from "@/tests/sectigo/support/csrs";
import { minimalInput } from "@/tests/sectigo/support/orders";
import { caughtFor, mailEnv, startCatcher } from "./mail-support";
import { newUser, setEnv, setFaults, startTestbed, submitAs, type Testbed } from "./order-harness";

// Notifications of the order lifecycle, end to end: real orders through the sandbox CA, the
// database triggers queueing mail in the lifecycle's own transactions, the worker sending over
// real SMTP to the catcher (port 2542). Each mail is asserted as caught, once, to the right address.
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

let bed: Testbed;
let prisma: PrismaClient;
let catcher: RunningCatcher;
let customer: SessionUser;
const settings: TrackingSettings = {
  minSeconds: 60,
  maxSeconds: 3600,
  perMinute: 1000,
  leaseSeconds: 60,
  minGapSeconds: 0,
  trustedRoots: [],
};
const reason = { reasonCode: 5 as const, reasonText: "no longer needed", confirm: "yes" as const };

beforeAll(async () => {
  bed = await startTestbed("mail_notify");
  setEnv(mailEnv(2542));
  prisma = await db();
  catcher = await startCatcher(2542);
});
afterAll(async () => {
  await catcher?.close();
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  customer = await newUser("CUSTOMER");
});

const drain = () => drainOutbox(prisma, { ...DEFAULT_SEND_OPTIONS, baseDelayMs: 100 });

async function place(code: ProductCode = 781) {
  const input = minimalInput(getProduct(code)!, await testCsrs());
  const draft = await createDraft(customer, { product: code } as DraftInput, "review", false);
  const sent = await submitAs(customer, { orderId: draft.id, input: input as DraftInput, test: false });
  expect(sent).toMatchObject({ ok: true, status: "PLACED" });
  const row = await prisma.order.findUniqueOrThrow({ where: { id: draft.id } });
  return { id: draft.id, orderNumber: row.sectigoOrderNumber!, external: row.externalOrderNumber };
}
async function sandbox(route: string) {
  const response = await fetch(`${bed.sandbox.url}${route}`, { method: "POST" });
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
}
async function checkNow(orderId: string) {
  await markDue(prisma, orderId);
  const lease = (await claimDueChecks(prisma, settings)).find((l) => l.orderId === orderId);
  expect(lease).toBeDefined();
  return runCheck(prisma, bed.client, lease!, settings);
}
/** The subjects of every mail caught for `to`, in order. */
async function subjects(to: string) {
  await drain();
  return (await caughtFor(to)).map((m) => m.subject);
}
/** Subjects without the certificate's name in brackets. */
const bare = (list: string[]) => list.map((s) => s.replace(/ \([^)]*\)$/, ""));

describe("order notifications", () => {
  test("a QWAC's life: placed, action needed (DCV), issued with a link and no certificate, revoked; each once", async () => {
    const order = await place(783);
    expect(await subjects(customer.email)).toEqual([
      `Placed at Sectigo: order ${order.external} (example.eu)`,
    ]);
    await checkNow(order.id);
    await drain();
    const action = (await caughtFor(customer.email)).filter((m) => m.subject.startsWith("Action needed"));
    expect(action).toHaveLength(1);
    expect(action[0]!.text).toMatch(/Domain.*www\.example\.eu/i);
    expect(action[0]!.text).toContain(`http://portal.test:3000/orders/${order.id}`);
    // A check that finds nothing new sends nothing.
    await checkNow(order.id);
    await sandbox(`/sandbox/orders/${order.orderNumber}/advance?to=issued&force=1`);
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
    await drain();
    const issued = (await caughtFor(customer.email)).filter((m) =>
      m.subject.startsWith("Certificate issued"),
    );
    expect(issued).toHaveLength(1);
    expect(issued[0]!.text).toContain(`Download the certificate: http://portal.test:3000/orders/${order.id}`);
    expect(`${issued[0]!.text}${issued[0]!.html}`).not.toMatch(/BEGIN CERTIFICATE|MII[A-Za-z0-9+/]{40}/);
    expect(issued[0]!.html).toContain('<html lang="en">');
    await cancelOrRevoke(customer, { orderId: order.id, action: "revoke", ...reason }, bed.client);
    const all = await subjects(customer.email);
    expect(all.filter((s) => s.startsWith("Certificate revoked"))).toHaveLength(1);
    expect(all.filter((s) => s.startsWith("Action needed"))).toHaveLength(1);
    expect(all).toHaveLength(4);
    // Every mail went to the owner only, and every outbox row was sent once.
    const rows = await prisma.mailOutbox.findMany();
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1 && r.recipient === customer.email)).toBe(
      true,
    );
    expect(rows.every((r) => r.locale === "en" && r.data === null)).toBe(true);
  });

  test("rejected by Sectigo, and cancelled: the customer is told what to do, once", async () => {
    const rejected = await place();
    await checkNow(rejected.id);
    await sandbox(`/sandbox/orders/${rejected.orderNumber}/reject`);
    expect(await checkNow(rejected.id)).toMatchObject({ status: "CA_REJECTED" });
    const cancelled = await place();
    await cancelOrRevoke(customer, { orderId: cancelled.id, action: "cancel", ...reason }, bed.client);
    const mails = bare(await subjects(customer.email)).filter((s) => /^(Rejected|Cancelled)/.test(s));
    expect(mails).toEqual([
      `Rejected by Sectigo: order ${rejected.external}`,
      `Cancelled: order ${cancelled.external}`,
    ]);
    const text = (await caughtFor(customer.email)).find((m) => m.subject.startsWith("Rejected"))!.text!;
    expect(text).toContain("What to do:");
  });

  test("an order entering the support queue alerts each active support agent once, and tells the customer", async () => {
    const agents = [await newUser("SUPPORT"), await newUser("SUPPORT")];
    const away = await newUser("SUPPORT");
    await prisma.user.update({ where: { id: away.id }, data: { disabled: true } });
    setEnv({ RETRY_MAX_ATTEMPTS: "0" });
    await setFaults(bed.sandbox, { mode: "http500" });
    const input = minimalInput(getProduct(781)!, await testCsrs());
    const draft = await createDraft(customer, { product: 781 } as DraftInput, "review", false);
    await submitAs(customer, { orderId: draft.id, input: input as DraftInput, test: false });
    setEnv({ RETRY_MAX_ATTEMPTS: "3" });
    const status = (await prisma.order.findUniqueOrThrow({ where: { id: draft.id } })).status;
    expect(SUPPORT_QUEUE).toContain(status);
    await drain();
    for (const agent of agents) {
      const mails = await caughtFor(agent.email);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Support queue: order /)]);
      expect(mails[0]!.text).toContain(`http://portal.test:3000/support/orders/${draft.id}`);
    }
    expect(await caughtFor(away.email)).toHaveLength(0);
    // The customer is told it is delayed and that nothing is needed from them, once.
    const told = await caughtFor(customer.email);
    expect(told.map((m) => m.subject)).toEqual([expect.stringMatching(/^Delayed, support is on it: order /)]);
    expect(told[0]!.text).toContain("Nothing is needed from you");
  });

  test("any path's status change queues in its own transaction: refused twice is two mails, a rollback none", async () => {
    const draft = await createDraft(customer, { product: 781 } as DraftInput, "review", false);
    const refuse = (version: number) =>
      prisma.order.update({ where: { id: draft.id }, data: { status: "REJECTED", version } });
    await refuse(1);
    await prisma.order.update({ where: { id: draft.id }, data: { status: "DRAFT", version: 2 } });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.order.update({ where: { id: draft.id }, data: { status: "REJECTED", version: 3 } });
        throw new Error("the change failed after the status was written");
      }),
    ).rejects.toThrow("failed after");
    expect(await prisma.mailOutbox.count()).toBe(1);
    await refuse(4);
    const refused = (await subjects(customer.email)).filter((s) => s.startsWith("Needs your correction"));
    expect(refused).toHaveLength(2);
    const text = (await caughtFor(customer.email))[0]!.text!;
    expect(text).toContain("What to do: open the order, correct the details");
    expect(text).toContain(`http://portal.test:3000/orders/${draft.id}`);
  });

  test("the trigger's support queue is the lifecycle's SUPPORT_QUEUE", async () => {
    const [row] = await prisma.$queryRaw<{ def: string }[]>`
      SELECT pg_get_functiondef('"portal_order_status_mail"'::regproc) AS def`;
    const listed = /queue "OrderStatus"\[\] := ARRAY\[([^\]]*)\]/.exec(row!.def)![1]!;
    expect([...listed.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort()).toEqual([...SUPPORT_QUEUE].sort());
  });
});

describe("preferences", () => {
  test("optional kinds turned off are not sent; order-critical ones still are", async () => {
    await prisma.mailPreference.create({
      data: { userId: customer.id, optedOut: ["order-updates", "expiry-reminders"] },
    });
    const order = await place();
    await sandbox(`/sandbox/orders/${order.orderNumber}/advance?to=issued&force=1`);
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
    expect(bare(await subjects(customer.email))).toEqual([`Certificate issued: order ${order.external}`]);
    const placed = await prisma.mailOutbox.findFirstOrThrow({ where: { template: "order-placed" } });
    expect(placed).toMatchObject({ status: "SKIPPED", data: null });
  });

  test("an optional mail carries RFC 8058 one-click headers; a critical one does not", async () => {
    const order = await place();
    await sandbox(`/sandbox/orders/${order.orderNumber}/advance?to=issued&force=1`);
    await checkNow(order.id);
    await drain();
    const mails = await caughtFor(customer.email);
    const placed = mails.find((m) => m.subject.startsWith("Placed"))!;
    const headers = placed.headers as Record<string, string>;
    expect(headers["list-unsubscribe"]).toMatch(
      /^<http:\/\/portal\.test:3000\/api\/mail\/unsubscribe\?token=[^&>]+&kind=order-updates>$/,
    );
    expect(headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const issued = mails.find((m) => m.subject.startsWith("Certificate issued"))!;
    expect((issued.headers as Record<string, string>)["list-unsubscribe"]).toBeUndefined();
  });
});

describe("the one-click link", () => {
  test("turns off one optional kind for its owner only; a forged, altered or critical one changes nothing", async () => {
    const other = await newUser("CUSTOMER");
    const token = signPreferencesToken(customer.id);
    expect(await unsubscribeByToken(`${token.slice(0, -2)}xx`, "order-updates")).toBe(false);
    expect(
      await unsubscribeByToken(
        signPreferencesToken(customer.id, Date.now() - 61 * 86_400_000),
        "order-updates",
      ),
    ).toBe(false);
    expect(await unsubscribeByToken(token, "order-issued")).toBe(false);
    expect(await prisma.mailPreference.count()).toBe(0);
    expect(await unsubscribeByToken(token, "order-updates")).toBe(true);
    expect(await unsubscribeByToken(token, "expiry-reminders")).toBe(true);
    expect(await prisma.mailPreference.findMany({ select: { userId: true, optedOut: true } })).toEqual([
      { userId: customer.id, optedOut: ["order-updates", "expiry-reminders"] },
    ]);
    expect(
      (await getMailPreferencesByToken(signPreferencesToken(other.id))).kinds.every((k) => k.enabled),
    ).toBe(true);
    await expect(getMailPreferencesByToken("nonsense")).rejects.toThrow(/not valid/);
  });
});

describe("expiry reminders", () => {
  const DAY = 86_400_000;

  test("90, 60, 30, 7, 1 days before and on expiry: each once, with two instances running", async () => {
    const order = await place();
    await sandbox(`/sandbox/orders/${order.orderNumber}/advance?to=issued&force=1`);
    expect(await checkNow(order.id)).toMatchObject({ status: "ISSUED" });
    const notAfter = new Date(Date.now() + 100 * DAY);
    await prisma.certificate.update({ where: { orderId: order.id }, data: { notAfter } });
    const second: DatabaseHandle = await openDatabase({ kind: "postgres", url: process.env.DATABASE_URL! });
    try {
      const instances = [prisma, second.prisma];
      for (const daysLeft of [95, 89, 88, 59, 29, 6.5, 0.5, -0.1, -3, -10]) {
        const now = new Date(notAfter.getTime() - daysLeft * DAY);
        // Both instances' hourly runs, at the same moment, twice.
        await Promise.all([...instances, ...instances].map((p) => queueExpiryReminders(p, now)));
      }
    } finally {
      await second.close();
    }
    const reminders = (await subjects(customer.email)).filter(
      (s) => s.startsWith("Certificate expires") || s.startsWith("Certificate has"),
    );
    expect(reminders.map((s) => s.replace(/: order .*/, ""))).toEqual([
      "Certificate expires in 90 days",
      "Certificate expires in 60 days",
      "Certificate expires in 30 days",
      "Certificate expires in 7 days",
      "Certificate expires tomorrow",
      "Certificate has expired",
    ]);
    expect(await prisma.mailOutbox.count({ where: { template: "expiry-reminder" } })).toBe(6);
  });

  test("no reminder for a certificate whose renewal is issued, or a user who turned them off", async () => {
    const order = await place();
    await sandbox(`/sandbox/orders/${order.orderNumber}/advance?to=issued&force=1`);
    await checkNow(order.id);
    const notAfter = new Date(Date.now() + 20 * DAY);
    await prisma.certificate.update({ where: { orderId: order.id }, data: { notAfter } });
    await prisma.mailPreference.create({ data: { userId: customer.id, optedOut: ["expiry-reminders"] } });
    expect(await queueExpiryReminders(prisma)).toBe(1);
    await drain();
    expect(await prisma.mailOutbox.findFirst({ where: { template: "expiry-reminder" } })).toMatchObject({
      status: "SKIPPED",
    });
    const renewal = await place();
    await prisma.order.update({ where: { id: renewal.id }, data: { renewalOfId: order.id } });
    await prisma.mailOutbox.deleteMany({ where: { template: "expiry-reminder" } });
    expect(await queueExpiryReminders(prisma)).toBe(0);
  });
});
