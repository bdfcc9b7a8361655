"use server";

import { revalidatePath } from "next/cache";
import { guardedAction, type ActionState } from "@/lib/actions";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  replayWebhookMessage,
  rotateWebhookSecret,
  setWebhookEnabled,
} from "@/lib/webhooks/manage";
import {
  createWebhookSchema,
  replayWebhookSchema,
  setWebhookEnabledSchema,
  webhookEndpointSchema,
} from "@/lib/webhooks/schemas";

// Each command checks again, in its transaction, that the caller may manage the organization.

const page = (organizationId: string) => `/organizations/${organizationId}/webhooks`;

export const createWebhookAction = guardedAction(
  { schema: createWebhookSchema },
  async (user, input): Promise<ActionState<{ secret: string }>> => {
    const endpoint = await createWebhookEndpoint(user, input);
    revalidatePath(page(input.organizationId));
    return {
      ok: true,
      message: `Webhook for ${endpoint.url} registered. Copy its signing secret now: it is not shown again.`,
      data: { secret: endpoint.secret },
    };
  },
);

export const rotateWebhookSecretAction = guardedAction(
  { schema: webhookEndpointSchema },
  async (user, { organizationId, endpointId }): Promise<ActionState<{ secret: string }>> => {
    const { secret } = await rotateWebhookSecret(user, organizationId, endpointId);
    revalidatePath(page(organizationId));
    return {
      ok: true,
      message:
        "New signing secret: deliveries are signed with it from now on. Copy it now: it is not shown again.",
      data: { secret },
    };
  },
);

export const setWebhookEnabledAction = guardedAction(
  { schema: setWebhookEnabledSchema },
  async (user, { organizationId, endpointId, enabled }): Promise<ActionState> => {
    await setWebhookEnabled(user, organizationId, endpointId, enabled);
    revalidatePath(page(organizationId));
    return {
      ok: true,
      message: enabled
        ? "Enabled: waiting events are sent in order."
        : "Disabled: events wait until enabled.",
    };
  },
);

export const deleteWebhookAction = guardedAction(
  { schema: webhookEndpointSchema },
  async (user, { organizationId, endpointId }): Promise<ActionState> => {
    await deleteWebhookEndpoint(user, organizationId, endpointId);
    revalidatePath(page(organizationId));
    return { ok: true, message: "Webhook deleted." };
  },
);

export const replayWebhookAction = guardedAction(
  { schema: replayWebhookSchema },
  async (user, { organizationId, endpointId, messageId }): Promise<ActionState> => {
    await replayWebhookMessage(user, organizationId, endpointId, messageId);
    revalidatePath(`${page(organizationId)}/${endpointId}`);
    return { ok: true, message: "Queued again with the same webhook-id." };
  },
);
