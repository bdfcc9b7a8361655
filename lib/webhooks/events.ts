// The order events a webhook endpoint may subscribe to. The database queues them (migration
// 20261208130000_webhooks: the status and timeline triggers, and lib/webhooks/expiring.ts for
// expiry): these names must match the ones written there (tests/integration/webhooks.test.ts).
export const WEBHOOK_EVENTS = {
  "order.submitted": "Submitted for approval",
  "order.approved": "Approved",
  "order.rejected": "Rejected by an approver",
  "order.placed": "Placed with Sectigo",
  "order.checklist_changed": "Checklist changed (documents, domain control, identity)",
  "order.issued": "Certificate issued",
  "order.ca_rejected": "Rejected by the CA",
  "order.revoked": "Certificate revoked",
  "order.expiring": "Certificate expiring",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];
