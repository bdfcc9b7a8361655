import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db";
import { startJobRunner } from "@/lib/jobs/runner";
import { createDraft } from "@/lib/orders/commands/drafts";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createWebhookEndpoint } from "@/lib/webhooks/manage";
import { startReceiver, type Receiver } from "@/tests/support/webhook-receiver";
import { makeOrganization } from "./organization-fixture";
import { newUser, setEnv, startTestbed, submitAs, type Testbed } from "./order-harness";

// The demo runs on the embedded PGlite database: the triggers queue the messages, the NOTIFY
// wakes the worker, and the delivery is signed and verified there too.

let bed: Testbed;
let receiver: Receiver;
beforeAll(async () => {
  bed = await startTestbed("webhooks_pglite", { database: "pglite" });
  setEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "1", AUTH_SECRET: "webhooks-test-secret-0123456789abcdef" });
  receiver = await startReceiver();
}, 120_000);
afterAll(async () => {
  await bed?.close();
  await receiver?.close();
});

test("an order submitted for approval reaches the receiver on PGlite", async () => {
  const [owner, requester] = await Promise.all([newUser("CUSTOMER"), newUser("CUSTOMER")]);
  const { id: orgId } = await makeOrganization("Pglite Hooks BV", [
    [owner, ["OWNER"]],
    [requester, ["REQUESTER"]],
  ]);
  const endpoint = await createWebhookEndpoint(owner, {
    organizationId: orgId,
    url: receiver.url,
    eventTypes: ["order.submitted"],
  });
  receiver.secret = endpoint.secret;
  await startJobRunner({ pollingIntervalSeconds: 0.5 });
  const input = bed.input as DraftInput;
  const draft = await createDraft(requester, input, "review", false, { organizationId: orgId });
  expect(await submitAs(requester, { orderId: draft.id, input, test: false })).toMatchObject({ ok: true });

  await expect.poll(() => receiver.accepted.length, { timeout: 20_000 }).toBe(1);
  expect(receiver.accepted[0]).toMatchObject({ type: "order.submitted", orderId: draft.id });
  expect(receiver.unverified).toBe(0);
  const prisma = await db();
  await expect
    .poll(async () => (await prisma.webhookMessage.findFirst({ select: { status: true } }))?.status)
    .toBe("DELIVERED");
}, 60_000);
