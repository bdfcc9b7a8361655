-- The customer hears of an order that went to support's queue as well (issue 14: "failed, with
-- what to do"): that it is delayed, that support was told, and that nothing is needed from them.
-- The function of migration order_notifications, with that one INSERT added; the trigger stays.
CREATE OR REPLACE FUNCTION "portal_order_status_mail"() RETURNS trigger LANGUAGE plpgsql AS $$
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
    INSERT INTO "MailOutbox" ("id", "dedupeKey", "recipient", "userId", "template", "locale", "data")
    SELECT gen_random_uuid()::text, 'order-delayed:' || NEW."id" || ':' || NEW."version",
      u."email", u."id", 'order-delayed', COALESCE(p."locale", 'en'), facts
    FROM "User" u LEFT JOIN "MailPreference" p ON p."userId" = u."id"
    WHERE u."id" = NEW."ownerId"
    ON CONFLICT ("dedupeKey") DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
