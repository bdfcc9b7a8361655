import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import { requireMember } from "@/lib/organizations/access";
import { rolesFor } from "@/lib/organizations/permissions";
import type { SessionUser } from "@/lib/users/data";
import type { CreateWebhookInput } from "@/lib/webhooks/schemas";
import { newWebhookSecret, sealWebhookSecret } from "@/lib/webhooks/signature";
import { refusedWebhookUrl } from "@/lib/webhooks/url";
import { WEBHOOK_CHANNEL } from "@/lib/webhooks/worker";

// Owners register an organization's webhook endpoints, rotate their secrets, turn them off and
// on, read their delivery log and replay a message. Every function checks again, in its
// transaction, that the caller may manage the organization (requireMember "manage").

const NOT_FOUND = "This webhook does not exist.";
/** The delivery log shows this many latest messages. */
const LOG_SIZE = 50;

async function endpointOf(tx: Prisma.TransactionClient, organizationId: string, endpointId: string) {
  const endpoint = await tx.webhookEndpoint.findFirst({
    where: { id: endpointId, organizationId },
    select: { id: true, url: true, enabled: true },
  });
  if (!endpoint) throw new Refusal("not_found", NOT_FOUND);
  return endpoint;
}

/** Registers an endpoint; the signing secret is in the answer and shown nowhere else. */
export async function createWebhookEndpoint(user: SessionUser, input: CreateWebhookInput) {
  const refused = await refusedWebhookUrl(input.url);
  if (refused) throw new Refusal("invalid", refused, { url: [refused] });
  const prisma = await db();
  const secret = newWebhookSecret();
  return prisma.$transaction(async (tx) => {
    await requireMember(tx, user, input.organizationId, "manage");
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        organizationId: input.organizationId,
        url: input.url,
        eventTypes: input.eventTypes,
        secret: sealWebhookSecret(secret),
        createdById: user.id,
      },
      select: { id: true, url: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "webhook.created",
      details: { organizationId: input.organizationId, endpointId: endpoint.id, url: input.url },
    });
    return { ...endpoint, secret };
  });
}

/** A new secret for the endpoint, effective at once; the old one stops signing. */
export async function rotateWebhookSecret(user: SessionUser, organizationId: string, endpointId: string) {
  const prisma = await db();
  const secret = newWebhookSecret();
  await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, organizationId, "manage");
    await endpointOf(tx, organizationId, endpointId);
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: { secret: sealWebhookSecret(secret), secretRotatedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "webhook.secret_rotated",
      details: { organizationId, endpointId },
    });
  });
  return { secret };
}

/** Turns an endpoint off or on; on again, its waiting messages go out (the sweep queues them). */
export async function setWebhookEnabled(
  user: SessionUser,
  organizationId: string,
  endpointId: string,
  enabled: boolean,
) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, organizationId, "manage");
    const endpoint = await endpointOf(tx, organizationId, endpointId);
    if (enabled) {
      const refused = await refusedWebhookUrl(endpoint.url);
      if (refused) throw new Refusal("not_allowed", refused);
    }
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: enabled
        ? { enabled: true, disabledReason: null, consecutiveFailures: 0, failingSince: null }
        : { enabled: false, disabledReason: null },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: enabled ? "webhook.enabled" : "webhook.disabled",
      details: { organizationId, endpointId },
    });
  });
}

/** Deletes an endpoint with its messages and delivery log. */
export async function deleteWebhookEndpoint(user: SessionUser, organizationId: string, endpointId: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, organizationId, "manage");
    const endpoint = await endpointOf(tx, organizationId, endpointId);
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "webhook.deleted",
      details: { organizationId, endpointId, url: endpoint.url },
    });
  });
}

/**
 * Sends a message again, with its webhook-id: at once, on a job of its own (a receiver that
 * already has it deduplicates on the id). It is pending again until delivered or given up.
 */
export async function replayWebhookMessage(
  user: SessionUser,
  organizationId: string,
  endpointId: string,
  messageId: string,
) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, organizationId, "manage");
    await endpointOf(tx, organizationId, endpointId);
    const message = await tx.webhookMessage.findFirst({
      where: { id: messageId, endpointId },
      select: { id: true, orderId: true, status: true },
    });
    if (!message) throw new Refusal("not_found", "This delivery does not exist.");
    if (message.status === "PENDING")
      throw new Refusal("not_allowed", "This event is still being delivered.");
    await tx.webhookMessage.update({
      where: { id: message.id },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), deliveredAt: null },
    });
    await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${JSON.stringify({
      endpointId,
      orderId: message.orderId,
      replay: message.id,
    })})`;
    await recordAudit(tx, {
      actorId: user.id,
      action: "webhook.replayed",
      orderId: message.orderId,
      details: { organizationId, endpointId, messageId },
    });
  });
}

/** Whether the user may manage the organization's webhooks (a company they own). */
async function mayManage(user: SessionUser, organizationId: string): Promise<boolean> {
  const prisma = await db();
  const org = await prisma.organization.findFirst({
    where: {
      id: organizationId,
      personal: false,
      members: { some: { userId: user.id, roles: { hasSome: rolesFor("manage") } } },
    },
    select: { id: true },
  });
  return org !== null;
}

/** The organization's endpoints (never their secrets), for a member who may manage it (else null). */
export async function listWebhookEndpoints(user: SessionUser, organizationId: string) {
  if (!(await mayManage(user, organizationId))) return null;
  const prisma = await db();
  return prisma.webhookEndpoint.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      url: true,
      eventTypes: true,
      enabled: true,
      disabledReason: true,
      consecutiveFailures: true,
      createdAt: true,
      secretRotatedAt: true,
    },
  });
}

/** One endpoint's latest messages with every attempt, newest first (null: not the caller's to see). */
export async function getWebhookDeliveryLog(user: SessionUser, organizationId: string, endpointId: string) {
  if (!(await mayManage(user, organizationId))) return null;
  const prisma = await db();
  const endpoint = await prisma.webhookEndpoint.findFirst({
    where: { id: endpointId, organizationId },
    select: { id: true, url: true, enabled: true, disabledReason: true },
  });
  if (!endpoint) return null;
  const messages = await prisma.webhookMessage.findMany({
    where: { endpointId },
    orderBy: { seq: "desc" },
    take: LOG_SIZE,
    select: {
      id: true,
      type: true,
      orderId: true,
      createdAt: true,
      status: true,
      nextAttemptAt: true,
      deliveries: {
        orderBy: { at: "asc" },
        select: { id: true, at: true, durationMs: true, httpStatus: true, error: true },
      },
    },
  });
  return {
    endpoint,
    messages: messages.map((m) => ({
      ...m,
      deliveries: m.deliveries.map((d) => ({ ...d, id: d.id.toString() })),
    })),
  };
}
