import { z } from "zod";
import { organizationIdSchema } from "@/lib/organizations/schemas";
import { UNSTORABLE, UNSTORABLE_MESSAGE } from "@/lib/text";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";

// The webhook forms' schemas, shared by the browser and the server actions. Whether the URL's
// host is a public address is checked on the server (lib/webhooks/url.ts): it needs DNS.

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the events.")
  .max(2000, "The URL has at most 2000 characters.")
  .refine((v) => !UNSTORABLE.test(v), UNSTORABLE_MESSAGE)
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Enter an http:// or https:// URL without a user name or password, e.g. https://erp.example.com/hooks.");

export const webhookEventTypesSchema = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(WEBHOOK_EVENT_TYPES, "Choose events from the list."))
    .min(1, "Choose at least one event.")
    .max(WEBHOOK_EVENT_TYPES.length)
    .transform((types) => WEBHOOK_EVENT_TYPES.filter((t) => types.includes(t))),
);

export const createWebhookSchema = z.object({
  organizationId: organizationIdSchema,
  url: webhookUrlSchema,
  eventTypes: webhookEventTypesSchema,
});
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

const endpointIdSchema = z.string().min(1).max(40);

export const webhookEndpointSchema = z.object({
  organizationId: organizationIdSchema,
  endpointId: endpointIdSchema,
});

export const setWebhookEnabledSchema = webhookEndpointSchema.extend({
  enabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const replayWebhookSchema = webhookEndpointSchema.extend({
  messageId: z.string().min(1).max(40),
});
