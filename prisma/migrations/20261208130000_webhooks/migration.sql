-- Webhooks (issue 16 item 4): endpoints an organization's owners register, the messages queued
-- for them and every delivery attempt. The signing secret is stored sealed (AES-GCM under a key
-- derived from AUTH_SECRET): an HMAC needs the key itself, so it cannot be hashed.
CREATE TYPE "WebhookMessageStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "eventTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "secret" TEXT NOT NULL,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "failingSince" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "secretRotatedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "WebhookEndpoint_organizationId_idx" ON "WebhookEndpoint"("organizationId");
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One message per endpoint and event; its id is the webhook-id of every attempt (receivers
-- deduplicate on it). "seq" orders an order's messages: the delivery worker sends an
-- (endpoint, order) chain's oldest pending message first and the next only after it.
CREATE TABLE "WebhookMessage" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "endpointId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "WebhookMessageStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "dedupeKey" TEXT,

    CONSTRAINT "WebhookMessage_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "WebhookMessage_endpointId_dedupeKey_key" ON "WebhookMessage"("endpointId", "dedupeKey");
CREATE INDEX "WebhookMessage_endpointId_seq_idx" ON "WebhookMessage"("endpointId", "seq");
CREATE INDEX "WebhookMessage_pending_idx" ON "WebhookMessage"("endpointId", "orderId", "seq") WHERE "status" = 'PENDING';
ALTER TABLE "WebhookMessage" ADD CONSTRAINT "WebhookMessage_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookMessage" ADD CONSTRAINT "WebhookMessage_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "WebhookAttempt" (
    "id" BIGSERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "WebhookAttempt_messageId_at_idx" ON "WebhookAttempt"("messageId", "at");
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "WebhookMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Messages are queued by the database in the transaction that changes the order, whichever code
-- path changes it (like the order mails of migration order_notifications): a committed change
-- always has its messages, a rolled-back one has none. The payload holds only what any member
-- of the organization may read about the order. The commit wakes the delivery worker
-- (lib/webhooks/runner.ts) through NOTIFY; its minute's sweep finds anything a lost
-- notification left behind. Event names: lib/webhooks/events.ts (WEBHOOK_EVENT_TYPES).
-- dedupe_key: an event that a job may find due more than once (expiry) is queued once per endpoint.
CREATE FUNCTION "portal_webhook_queue"(order_id text, event_type text, extra jsonb, dedupe_key text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  queued record;
BEGIN
  FOR queued IN
    INSERT INTO "WebhookMessage" ("id", "endpointId", "orderId", "type", "dedupeKey", "payload")
    SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), e."id", o."id", event_type, dedupe_key,
      jsonb_build_object(
        'type', event_type,
        'timestamp', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'data', jsonb_build_object(
          'orderId', o."id",
          'organizationId', o."organizationId",
          'status', o."status"::text,
          'orderNumber', o."externalOrderNumber",
          'productCode', o."productCode",
          'commonName', o."commonName",
          'test', o."test"
        ) || COALESCE(extra, '{}'::jsonb)
      )
    FROM "Order" o
    JOIN "WebhookEndpoint" e ON e."organizationId" = o."organizationId"
    WHERE o."id" = order_id AND e."enabled" AND event_type = ANY (e."eventTypes")
    ON CONFLICT ("endpointId", "dedupeKey") DO NOTHING
    RETURNING "endpointId", "orderId"
  LOOP
    PERFORM pg_notify('webhook_queued', json_build_object('endpointId', queued."endpointId", 'orderId', queued."orderId")::text);
  END LOOP;
END
$$;

CREATE FUNCTION "portal_order_status_webhook"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event_type text;
BEGIN
  event_type := CASE NEW."status"
    WHEN 'PLACED' THEN 'order.placed'
    WHEN 'ISSUED' THEN 'order.issued'
    WHEN 'CA_REJECTED' THEN 'order.ca_rejected'
    WHEN 'REVOKED' THEN 'order.revoked'
  END;
  IF event_type IS NOT NULL THEN
    PERFORM "portal_webhook_queue"(NEW."id", event_type, NULL);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Order_status_webhook"
  AFTER UPDATE OF "status" ON "Order"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "portal_order_status_webhook"();

-- The timeline's events that are no status of their own: the approval steps and the checklist.
CREATE FUNCTION "portal_order_event_webhook"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event_type text;
BEGIN
  event_type := CASE NEW."kind"
    WHEN 'approval_requested' THEN 'order.submitted'
    WHEN 'approval_approved' THEN 'order.approved'
    WHEN 'approval_rejected' THEN 'order.rejected'
    WHEN 'checklist_changed' THEN 'order.checklist_changed'
  END;
  IF event_type IS NOT NULL THEN
    PERFORM "portal_webhook_queue"(
      NEW."orderId", event_type,
      CASE WHEN NEW."kind" = 'checklist_changed'
        THEN jsonb_build_object('checklist', jsonb_build_object('item', NEW."data"->>'key', 'state', NEW."data"->>'state', 'summary', NEW."summary"))
        ELSE NULL END
    );
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "OrderEvent_webhook"
  AFTER INSERT ON "OrderEvent"
  FOR EACH ROW
  EXECUTE FUNCTION "portal_order_event_webhook"();
