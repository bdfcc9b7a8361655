import { z } from "zod";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./events";

// The body of every webhook delivery, as the database writes it (migration 20261208130000_webhooks,
// portal_webhook_queue, and lib/webhooks/expiring.ts). The OpenAPI document's `webhooks` are
// generated from this schema, and the webhook tests parse every delivery with it, so the
// documented shape is the delivered one.

const orderData = z.object({
  orderId: z.string().meta({ description: "The order's id (GET /orders/{id})." }),
  organizationId: z.string(),
  status: z.enum(OrderStatus).meta({ description: "The order's status when the event happened." }),
  orderNumber: z.string().meta({ description: "The portal's order number, as on its pages." }),
  productCode: z.number().int().nullable(),
  commonName: z.string().nullable(),
  test: z.boolean().meta({ description: "A test order (not billed)." }),
});

const checklistChange = z.object({
  item: z.string().nullable().meta({ description: "The checklist item (as in GET /orders/{id} tracking)." }),
  state: z.string().nullable(),
  summary: z.string(),
});

const expiry = {
  daysLeft: z.number().int().meta({ description: "Whole days until the certificate expires." }),
  notAfter: z.iso.datetime().meta({ description: "The certificate's end of validity (ISO 8601, UTC)." }),
};

/** The `data` of each event type: the order's members, plus what the event adds. */
function dataOf(type: WebhookEventType) {
  if (type === "order.checklist_changed") return orderData.extend({ checklist: checklistChange }).strict();
  if (type === "order.expiring") return orderData.extend(expiry).strict();
  return orderData.strict();
}

export function webhookPayloadSchemaOf(type: WebhookEventType) {
  return z
    .object({
      type: z.literal(type),
      timestamp: z.iso.datetime().meta({ description: "When the event was queued (ISO 8601, UTC)." }),
      data: dataOf(type),
    })
    .strict()
    .meta({ description: WEBHOOK_EVENTS[type] });
}

/** Any delivery's body. */
export const webhookPayloadSchema = z.discriminatedUnion(
  "type",
  WEBHOOK_EVENT_TYPES.map(webhookPayloadSchemaOf) as unknown as [
    ReturnType<typeof webhookPayloadSchemaOf>,
    ...ReturnType<typeof webhookPayloadSchemaOf>[],
  ],
);
