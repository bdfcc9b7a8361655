-- AlterEnum
ALTER TYPE "MailStatus" ADD VALUE 'SKIPPED';

-- AlterTable
ALTER TABLE "MailOutbox" ALTER COLUMN "messageId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "MailPreference" (
    "userId" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "optedOut" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailPreference_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "MailPreference" ADD CONSTRAINT "MailPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Notifications of the order lifecycle are queued by the database in the transaction that makes
-- the change, whichever code path makes it (a send, the status ticker, a customer's or support's
-- command, recovery): the mail exists exactly when the change was committed. The rows hold only
-- what the templates in lib/mail/templates/ need; the worker renders and sends them, and skips
-- the optional kinds a recipient turned off. Prisma does not describe triggers.

-- A status change: the customer's mail for the states they must hear of, once per order (a
-- refusal at submission once per version: it may be fixed and refused again), and an alert to
-- every active support agent when the order enters support's queue (lib/orders/model/transitions.ts
-- SUPPORT_QUEUE; tests/integration/mail-notifications.test.ts checks the two lists agree).
CREATE FUNCTION "portal_order_status_mail"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  queue "OrderStatus"[] := ARRAY['FAILED_TRANSIENT', 'OUTCOME_UNKNOWN', 'NEEDS_REVIEW', 'ACCOUNT_PROBLEM', 'NEEDS_RECONCILIATION']::"OrderStatus"[];
  mail text;
  facts jsonb;
BEGIN
  mail := CASE NEW."status"
    WHEN 'PLACED' THEN 'order-placed'
    WHEN 'ISSUED' THEN 'order-issued'
    WHEN 'CA_REJECTED' THEN 'order-rejected'
    WHEN 'REJECTED' THEN 'order-refused'
    WHEN 'CANCELLED' THEN 'order-cancelled'
    WHEN 'REVOKED' THEN 'order-revoked'
  END;
  facts := jsonb_build_object(
    'orderId', NEW."id",
    'orderNumber', NEW."externalOrderNumber",
    'label', COALESCE(NEW."commonName", NEW."organizationName", ''),
    'test', NEW."test"
  );
  IF mail IS NOT NULL THEN
    INSERT INTO "MailOutbox" ("id", "dedupeKey", "recipient", "userId", "template", "locale", "data")
    SELECT gen_random_uuid()::text,
      mail || ':' || NEW."id" || CASE WHEN NEW."status" = 'REJECTED' THEN ':' || NEW."version" ELSE '' END,
      u."email", u."id", mail, COALESCE(p."locale", 'en'), facts
    FROM "User" u LEFT JOIN "MailPreference" p ON p."userId" = u."id"
    WHERE u."id" = NEW."ownerId"
    ON CONFLICT ("dedupeKey") DO NOTHING;
  END IF;
  IF NEW."status" = ANY (queue) AND NOT (OLD."status" = ANY (queue)) THEN
    INSERT INTO "MailOutbox" ("id", "dedupeKey", "recipient", "userId", "template", "locale", "data")
    SELECT gen_random_uuid()::text,
      'support-alert:' || NEW."id" || ':' || NEW."version" || ':' || u."id",
      u."email", u."id", 'support-alert', COALESCE(p."locale", 'en'),
      facts || jsonb_build_object('status', NEW."status"::text)
    FROM "User" u LEFT JOIN "MailPreference" p ON p."userId" = u."id"
    WHERE u."role" = 'SUPPORT' AND NOT u."disabled"
    ON CONFLICT ("dedupeKey") DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Order_status_mail"
  AFTER UPDATE OF "status" ON "Order"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "portal_order_status_mail"();

-- Checklist items now waiting for the customer (documents, DCV values to publish, identity):
-- one mail per order and statement (a status check writes all its events at once), keyed by the
-- first of those events, listing every item.
CREATE FUNCTION "portal_order_event_mail"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "MailOutbox" ("id", "dedupeKey", "recipient", "userId", "template", "locale", "data")
  SELECT gen_random_uuid()::text, 'order-action-needed:' || g."firstId", u."email", u."id",
    'order-action-needed', COALESCE(p."locale", 'en'),
    jsonb_build_object(
      'orderId', o."id",
      'orderNumber', o."externalOrderNumber",
      'label', COALESCE(o."commonName", o."organizationName", ''),
      'test', o."test",
      'items', g."items"
    )
  FROM (
    SELECT a."orderId", min(a."id") AS "firstId", jsonb_agg(a."summary" ORDER BY a."id") AS "items"
    FROM added a
    WHERE a."kind" = 'checklist_changed' AND a."data"->>'state' = 'waiting_customer'
    GROUP BY a."orderId"
  ) g
  JOIN "Order" o ON o."id" = g."orderId"
  JOIN "User" u ON u."id" = o."ownerId"
  LEFT JOIN "MailPreference" p ON p."userId" = u."id"
  ON CONFLICT ("dedupeKey") DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER "OrderEvent_mail"
  AFTER INSERT ON "OrderEvent"
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT
  EXECUTE FUNCTION "portal_order_event_mail"();
