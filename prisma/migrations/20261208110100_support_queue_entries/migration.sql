-- Each time an order enters the support queue, and why (its status then): the admin dashboard's
-- "support queue over time by reason". Written by the database on the status change, like the
-- support-alert mail of migration order_notifications, with the same list of queue states
-- (lib/orders/model/transitions.ts SUPPORT_QUEUE).
CREATE TABLE "SupportQueueEntry" (
    "id" BIGSERIAL NOT NULL,
    "orderId" TEXT NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupportQueueEntry_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SupportQueueEntry_at_idx" ON "SupportQueueEntry"("at");
CREATE INDEX "SupportQueueEntry_orderId_idx" ON "SupportQueueEntry"("orderId");

ALTER TABLE "SupportQueueEntry" ADD CONSTRAINT "SupportQueueEntry_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "portal_support_queue_entry"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  queue "OrderStatus"[] := ARRAY['FAILED_TRANSIENT', 'OUTCOME_UNKNOWN', 'NEEDS_REVIEW', 'ACCOUNT_PROBLEM',
    'NEEDS_RECONCILIATION']::"OrderStatus"[];
BEGIN
  IF NEW."status" = ANY (queue) AND (TG_OP = 'INSERT' OR NOT (OLD."status" = ANY (queue))) THEN
    INSERT INTO "SupportQueueEntry" ("orderId", "status") VALUES (NEW."id", NEW."status");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Order_support_queue_entry"
  AFTER UPDATE OF "status" ON "Order"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "portal_support_queue_entry"();

-- The dashboard's funnel and expiry charts read placed orders by placing time.
CREATE INDEX "Order_placedAt_idx" ON "Order"("placedAt") WHERE "placedAt" IS NOT NULL;
CREATE INDEX "OrderEvent_steps_at_idx" ON "OrderEvent"("at") WHERE "kind" IN ('checklist_changed', 'issued');
