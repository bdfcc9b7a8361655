-- The admin dashboard's Sectigo charts read a daily rollup of SectigoCall instead of the calls:
-- a month at ten calls a minute is 432,000 rows, too many to count and sort per page view.
-- Per day, endpoint and outcome, the number of calls in each latency bucket: exact milliseconds
-- below 100 ms, then buckets 2 % wide (so a percentile read from them is within 2 %). Kept up
-- to date by a statement trigger as the call log inserts its batches.

CREATE FUNCTION "portal_latency_bucket"(ms integer) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN ms < 100 THEN greatest(ms, 0) ELSE 100 + floor(ln(ms / 100.0) / ln(1.02))::integer END $$;

CREATE TABLE "SectigoCallDay" (
    "day" DATE NOT NULL,
    "endpoint" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,

    CONSTRAINT "SectigoCallDay_pkey" PRIMARY KEY ("day", "endpoint", "outcome", "bucket")
);

CREATE FUNCTION "portal_sectigo_call_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- In key order, so that two instances' batches upsert the same rows in the same order.
  INSERT INTO "SectigoCallDay" ("day", "endpoint", "outcome", "bucket", "calls")
  SELECT n."at"::date, n."endpoint", n."outcome", "portal_latency_bucket"(n."durationMs"), count(*)::integer
  FROM "new_calls" n GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("day", "endpoint", "outcome", "bucket")
    DO UPDATE SET "calls" = "SectigoCallDay"."calls" + EXCLUDED."calls";
  RETURN NULL;
END
$$;

CREATE TRIGGER "SectigoCall_rollup"
  AFTER INSERT ON "SectigoCall"
  REFERENCING NEW TABLE AS "new_calls"
  FOR EACH STATEMENT
  EXECUTE FUNCTION "portal_sectigo_call_rollup"();

INSERT INTO "SectigoCallDay" ("day", "endpoint", "outcome", "bucket", "calls")
SELECT c."at"::date, c."endpoint", c."outcome", "portal_latency_bucket"(c."durationMs"), count(*)::integer
FROM "SectigoCall" c GROUP BY 1, 2, 3, 4;
