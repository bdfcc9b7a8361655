-- Every call to Sectigo's API, as the CA client saw it (lib/observability/sectigo-call-log.ts):
-- the data of the admin dashboard's Sectigo charts and of the alerts. Pruned after
-- SECTIGO_CALL_RETENTION_DAYS. No foreign key to "Order": a call is recorded whether or not the
-- order still exists, and the insert must not fail for it.
CREATE TABLE "SectigoCall" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endpoint" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "caCode" INTEGER,
    "httpStatus" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "orderId" TEXT,
    "requestId" TEXT,

    CONSTRAINT "SectigoCall_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SectigoCall_at_idx" ON "SectigoCall"("at");
CREATE INDEX "SectigoCall_endpoint_at_idx" ON "SectigoCall"("endpoint", "at");
CREATE INDEX "SectigoCall_orderId_idx" ON "SectigoCall"("orderId");

-- An alert condition that held (lib/alerts): opened by the evaluator, closed when the condition
-- has been clear for a whole window.
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "threshold" DOUBLE PRECISION NOT NULL,
    "peakValue" DOUBLE PRECISION NOT NULL,
    "lastValue" DOUBLE PRECISION NOT NULL,
    "clearSince" TIMESTAMP(3),
    "detail" JSONB,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- At most one open incident of a kind, whatever two evaluators do at once.
CREATE UNIQUE INDEX "Incident_kind_open_key" ON "Incident"("kind") WHERE "endedAt" IS NULL;
CREATE INDEX "Incident_startedAt_idx" ON "Incident"("startedAt");
