-- A committed automatic retry wakes the job runner through the database itself: whichever code
-- path schedules the retry (a send, recovery, the journal replay), the notification goes out on
-- commit, to every portal instance listening, and never for a write that rolled back.
-- Prisma's schema does not describe triggers; this one is kept by the migrations alone.
CREATE FUNCTION "portal_announce_retry"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(
    'order_retry_scheduled',
    json_build_object('orderId', NEW."id", 'at', NEW."nextRetryAt")::text
  );
  RETURN NULL;
END
$$;

CREATE TRIGGER "Order_retry_scheduled"
  AFTER UPDATE OF "status", "nextRetryAt" ON "Order"
  FOR EACH ROW
  WHEN (
    NEW."status" = 'RETRY_SCHEDULED'
    AND (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."nextRetryAt" IS DISTINCT FROM NEW."nextRetryAt")
  )
  EXECUTE FUNCTION "portal_announce_retry"();
