import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { queueExpiryReminders } from "@/lib/mail/expiry";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import { approveOrder, rejectOrder } from "@/lib/orders/commands/approve";
import { createDraft } from "@/lib/orders/commands/drafts";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { isRefusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { deliverChain, type DeliveryOptions } from "@/lib/webhooks/deliver";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { webhookPayloadSchema } from "@/lib/webhooks/payload";
import {
  createWebhookEndpoint,
  getWebhookDeliveryLog,
  replayWebhookMessage,
  rotateWebhookSecret,
} from "@/lib/webhooks/manage";
import { startReceiver, type Receiver } from "@/tests/support/webhook-receiver";
import { makeOrganization } from "./organization-fixture";
import { newUser, orderRow, setEnv, startTestbed, submitAs, type Testbed } from "./order-harness";

// Webhooks (issue 16 item 4) against PostgreSQL, the sandbox CA and a receiver over real HTTP
// that verifies every delivery with the Standard Webhooks reference implementation.

let bed: Testbed;
let receiver: Receiver;
let owner: SessionUser;
let requester: SessionUser;
let approver: SessionUser;
let viewer: SessionUser;
let orgId: string;

const FAST: DeliveryOptions = {
  retryScheduleMs: [100, 200, 400, 800, 800, 800, 800, 800, 800, 800],
  timeoutMs: 2_000,
  allowPrivate: true,
  disableAfterFailures: 1_000,
  disableAfterMs: 0,
};

beforeAll(async () => {
  bed = await startTestbed("webhooks");
  setEnv({
    WEBHOOK_ALLOW_PRIVATE_URLS: "1",
    WEBHOOK_TIMEOUT_MS: "2000",
    AUTH_SECRET: "webhooks-test-secret-0123456789abcdef",
  });
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  setEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "1" });
  receiver = await startReceiver();
  [owner, requester, approver, viewer] = await Promise.all([
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
    newUser("CUSTOMER"),
  ]);
  const org = await makeOrganization("Hooks GmbH", [
    [owner, ["OWNER"]],
    [requester, ["REQUESTER"]],
    [approver, ["APPROVER"]],
    [viewer, ["VIEWER"]],
  ]);
  orgId = org.id;
});
afterEach(async () => {
  await stopJobRunner();
  await receiver.close();
});

async function register(url = receiver.url, eventTypes: string[] = [...WEBHOOK_EVENT_TYPES]) {
  const endpoint = await createWebhookEndpoint(owner, {
    organizationId: orgId,
    url,
    eventTypes: eventTypes as typeof WEBHOOK_EVENT_TYPES,
  });
  receiver.secret = endpoint.secret;
  return endpoint;
}

/** A requester's order submitted for approval (event order.submitted). */
async function submitForApproval() {
  const input = bed.input as DraftInput;
  const draft = await createDraft(requester, input, "review", false, { organizationId: orgId });
  const result = await submitAs(requester, { orderId: draft.id, input, test: false });
  if (!result.ok) throw new Error(`submission refused: ${result.message}`);
  return orderRow(draft.id);
}

async function messages() {
  const prisma = await db();
  return prisma.webhookMessage.findMany({
    orderBy: { seq: "asc" },
    select: { id: true, orderId: true, type: true, status: true, attempts: true, payload: true },
  });
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const typesOf = (orderId: string) =>
  receiver.accepted.filter((r) => r.orderId === orderId).map((r) => r.type);

describe("events and signatures", () => {
  test("an order's events reach the receiver in order, signed so the reference implementation verifies them", async () => {
    const endpoint = await register();
    const a = await submitForApproval();
    const b = await submitForApproval();
    await approveOrder(approver, { orderId: a.id, version: a.version });
    await rejectOrder(approver, { orderId: b.id, version: b.version, reason: "Wrong company name" });
    expect((await orderRow(a.id)).status).toBe("PLACED");

    await startJobRunner({ pollingIntervalSeconds: 0.5, webhooks: FAST });
    await until(async () => (await messages()).every((m) => m.status === "DELIVERED"));

    expect(receiver.unverified).toBe(0);
    expect(receiver.repeats).toEqual([]);
    expect(typesOf(a.id)).toEqual(["order.submitted", "order.approved", "order.placed"]);
    expect(typesOf(b.id)).toEqual(["order.submitted", "order.rejected"]);
    const placed = receiver.accepted.find((r) => r.orderId === a.id && r.type === "order.placed")!;
    expect(placed.payload).toMatchObject({
      type: "order.placed",
      data: { orderId: a.id, organizationId: orgId, status: "PLACED", orderNumber: a.externalOrderNumber },
    });
    expect(Date.parse(placed.payload.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    // Every body is what the OpenAPI document's `webhooks` describe (generated from this schema).
    for (const r of receiver.accepted)
      expect(webhookPayloadSchema.safeParse(r.payload).error).toBeUndefined();
    // Nothing secret travels: neither the signing secret nor any credential.
    const wire = JSON.stringify(receiver.accepted.map((r) => r.payload));
    expect(wire).not.toContain(endpoint.secret.slice(6));
    expect(wire).not.toMatch(/password|loginName|secret/i);
    // Stored sealed: the database alone does not hold the signing secret.
    const stored = await (await db()).webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.secret).not.toContain(endpoint.secret.slice(6));

    // The delivery log: one successful attempt per message, with status and duration.
    const log = await getWebhookDeliveryLog(owner, orgId, endpoint.id);
    expect(log?.messages).toHaveLength(5);
    for (const m of log!.messages) {
      expect(m.deliveries).toHaveLength(1);
      expect(m.deliveries[0]).toMatchObject({ httpStatus: 204, error: null });
    }
    // Members who do not manage the organization see no log.
    expect(await getWebhookDeliveryLog(viewer, orgId, endpoint.id)).toBeNull();
  });

  test("a rotated secret signs from then on; an old-secret verifier refuses", async () => {
    const endpoint = await register();
    const { secret } = await rotateWebhookSecret(owner, orgId, endpoint.id);
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    await submitForApproval();
    const prisma = await db();
    const [message] = await messages();
    await deliverChain(prisma, endpoint.id, message!.orderId, FAST);
    expect(receiver.unverified).toBe(1);
    receiver.secret = secret;
    await until(async () => {
      await deliverChain(prisma, endpoint.id, message!.orderId, FAST);
      return receiver.accepted.length === 1;
    });
  });
});

describe("a receiver that is down", () => {
  test("gets every event later, in order per order, none twice", async () => {
    await register();
    await receiver.down();
    const orders = [await submitForApproval(), await submitForApproval(), await submitForApproval()];
    for (const order of orders) await approveOrder(approver, { orderId: order.id, version: order.version });
    await startJobRunner({ pollingIntervalSeconds: 0.5, webhooks: FAST });

    // Every chain's head fails and waits; the later events of an order wait behind it.
    await until(async () => (await messages()).filter((m) => m.attempts >= 2).length >= 3);
    const waiting = await messages();
    expect(waiting.filter((m) => m.status === "DELIVERED")).toEqual([]);
    for (const order of orders) {
      const [head, ...rest] = waiting.filter((m) => m.orderId === order.id);
      expect(head!.type).toBe("order.submitted");
      expect(rest.every((m) => m.attempts === 0)).toBe(true);
    }

    await receiver.up();
    await until(async () => (await messages()).every((m) => m.status === "DELIVERED"));
    for (const order of orders)
      expect(typesOf(order.id)).toEqual(["order.submitted", "order.approved", "order.placed"]);
    expect(receiver.accepted).toHaveLength(9);
    expect(receiver.repeats).toEqual([]);
    expect(receiver.unverified).toBe(0);
  });
});

describe("one delivery at a time", () => {
  test("workers racing for one chain (other instances) send each message once, in order", async () => {
    await register();
    const order = await submitForApproval();
    await approveOrder(approver, { orderId: order.id, version: order.version });
    const prisma = await db();
    const endpointId = (await prisma.webhookEndpoint.findFirstOrThrow()).id;
    await Promise.all(Array.from({ length: 6 }, () => deliverChain(prisma, endpointId, order.id, FAST)));
    // A worker that lost a claim leaves the rest of the chain to the winner; finish any leftover.
    await deliverChain(prisma, endpointId, order.id, FAST);
    expect(typesOf(order.id)).toEqual(["order.submitted", "order.approved", "order.placed"]);
    expect(receiver.repeats).toEqual([]);
    expect(await prisma.webhookAttempt.count()).toBe(3);
  });
});

describe("replay", () => {
  test("sends the message again with the same webhook-id; only an owner may", async () => {
    const endpoint = await register();
    await submitForApproval();
    await startJobRunner({ pollingIntervalSeconds: 0.5, webhooks: FAST });
    await until(() => receiver.accepted.length === 1);
    const [message] = await messages();

    const refused = await replayWebhookMessage(viewer, orgId, endpoint.id, message!.id).catch(
      (e: unknown) => e,
    );
    expect(isRefusal(refused)).toBe(true);

    await replayWebhookMessage(owner, orgId, endpoint.id, message!.id);
    await until(() => receiver.repeats.length === 1);
    expect(receiver.repeats).toEqual([message!.id]);
    await until(async () => (await messages())[0]!.status === "DELIVERED");
    const log = await getWebhookDeliveryLog(owner, orgId, endpoint.id);
    expect(log?.messages[0]?.deliveries).toHaveLength(2);
  });
});

describe("addresses", () => {
  test("with the switch off, URLs resolving to non-public addresses are refused at registration and at delivery", async () => {
    setEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "0" });
    for (const url of [
      receiver.url,
      "http://localhost:8080/hooks",
      "https://10.1.2.3/hooks",
      "https://192.168.0.10/hooks",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hooks",
      "https://[::ffff:127.0.0.1]/hooks",
      "https://[fd00::1]/hooks",
    ]) {
      const refused = await register(url).catch((e: unknown) => e);
      expect(isRefusal(refused) && refused.code, url).toBe("invalid");
    }
    const prisma = await db();
    expect(await prisma.webhookEndpoint.count()).toBe(0);

    // Registered while allowed, then the switch is off: delivery resolves again and refuses.
    setEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "1" });
    const endpoint = await register();
    await submitForApproval();
    const [message] = await messages();
    await deliverChain(prisma, endpoint.id, message!.orderId, { ...FAST, allowPrivate: false });
    expect(receiver.accepted).toEqual([]);
    const log = await getWebhookDeliveryLog(owner, orgId, endpoint.id);
    expect(log?.messages[0]?.deliveries[0]).toMatchObject({ httpStatus: null });
    expect(log?.messages[0]?.deliveries[0]?.error).toMatch(/not a public address/);
  });
});

describe("transactions", () => {
  test("a rolled-back order change queues nothing; the same change committed queues its event", async () => {
    await register();
    const order = await submitForApproval();
    const prisma = await db();
    const before = (await messages()).length;
    const change = (tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0]) =>
      Promise.all([
        tx.order.update({ where: { id: order.id }, data: { status: "PLACED" } }),
        tx.orderEvent.create({
          data: {
            orderId: order.id,
            kind: "checklist_changed",
            summary: "Domain control: waiting",
            data: { key: "dcv", state: "waiting_customer" },
          },
        }),
      ]);
    await expect(
      prisma.$transaction(async (tx) => {
        await change(tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await messages()).toHaveLength(before);

    await prisma.$transaction(async (tx) => void (await change(tx)));
    const after = await messages();
    expect(
      after
        .slice(before)
        .map((m) => m.type)
        .sort(),
    ).toEqual(["order.checklist_changed", "order.placed"]);
    for (const m of after.slice(before))
      expect(webhookPayloadSchema.safeParse(m.payload).error).toBeUndefined();
  });

  test("an issued certificate near its expiry queues order.expiring once per threshold, however often the job runs", async () => {
    await register();
    const order = await submitForApproval();
    const prisma = await db();
    const notAfter = new Date(Date.now() + 20 * 86_400_000);
    await prisma.order.update({ where: { id: order.id }, data: { status: "ISSUED" } });
    await prisma.certificate.create({
      data: {
        orderId: order.id,
        certificatePem: "-",
        chainPem: [],
        serialNumber: "01",
        subject: "CN=x",
        issuer: "CN=y",
        notBefore: new Date(),
        notAfter,
        sha256: "00",
      },
    });
    await Promise.all([queueExpiryReminders(prisma), queueExpiryReminders(prisma)]);
    await queueExpiryReminders(prisma);
    const expiring = await prisma.webhookMessage.findMany({ where: { type: "order.expiring" } });
    expect(expiring).toHaveLength(1);
    expect(webhookPayloadSchema.safeParse(expiring[0]!.payload).error).toBeUndefined();
    expect(expiring[0]!.payload).toMatchObject({
      type: "order.expiring",
      data: { orderId: order.id, status: "ISSUED", daysLeft: 30, notAfter: notAfter.toISOString() },
    });
  });

  test("an endpoint failing a long run is disabled once and its owners are mailed", async () => {
    const endpoint = await register();
    receiver.failWith = 500;
    await submitForApproval();
    const prisma = await db();
    const [message] = await messages();
    const options = { ...FAST, retryScheduleMs: [0, 0, 0, 0, 0, 0], disableAfterFailures: 3 };
    for (let i = 0; i < 4; i++) await deliverChain(prisma, endpoint.id, message!.orderId, options);
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/3 deliveries failed/);
    const mails = await prisma.mailOutbox.findMany({ where: { template: "webhook-disabled" } });
    expect(mails.map((m) => m.userId)).toEqual([owner.id]);
    // Disabled: its message waits, attempted no more.
    expect((await messages())[0]).toMatchObject({ status: "PENDING", attempts: 3 });
  });
});
