-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OrderStatus" ADD VALUE 'ISSUED';
ALTER TYPE "OrderStatus" ADD VALUE 'CA_REJECTED';
ALTER TYPE "OrderStatus" ADD VALUE 'REVOKED';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "renewalOfId" TEXT;

-- CreateTable
CREATE TABLE "OrderTracking" (
    "orderId" TEXT NOT NULL,
    "caStatus" TEXT,
    "caStatusText" TEXT,
    "checklist" JSONB NOT NULL DEFAULT '[]',
    "domains" JSONB NOT NULL DEFAULT '[]',
    "uploadUrl" TEXT,
    "uploadToken" TEXT,
    "trackingNumber" TEXT,
    "nextCheckAt" TIMESTAMP(3),
    "intervalSeconds" INTEGER NOT NULL DEFAULT 0,
    "lastCheckStartedAt" TIMESTAMP(3),
    "lastCheckedAt" TIMESTAMP(3),
    "lastChangeAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "checkFailures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "revocationRequestedAt" TIMESTAMP(3),
    "revocationById" TEXT,
    "revocationCode" INTEGER,
    "revocationText" TEXT,
    "revocationOutcome" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderTracking_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "data" JSONB,
    "actorId" TEXT,

    CONSTRAINT "OrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "orderId" TEXT NOT NULL,
    "certificatePem" TEXT NOT NULL,
    "chainPem" JSONB NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,
    "collectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "OrderTracking_nextCheckAt_idx" ON "OrderTracking"("nextCheckAt");

-- CreateIndex
CREATE INDEX "OrderTracking_lastCheckStartedAt_idx" ON "OrderTracking"("lastCheckStartedAt");

-- CreateIndex
CREATE INDEX "OrderEvent_orderId_at_idx" ON "OrderEvent"("orderId", "at");

-- CreateIndex
CREATE INDEX "Certificate_notAfter_idx" ON "Certificate"("notAfter");

-- CreateIndex
CREATE INDEX "Order_renewalOfId_idx" ON "Order"("renewalOfId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_renewalOfId_fkey" FOREIGN KEY ("renewalOfId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTracking" ADD CONSTRAINT "OrderTracking_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every order that reaches PLACED, by whichever path (a send, an automatic retry, recovery, the
-- journal replay, support resolving it), gets its tracking row in the same transaction, due at
-- once: the status job asks Sectigo soon after placing. Prisma's schema does not describe
-- triggers; this one is kept by the migrations alone.
CREATE FUNCTION "portal_track_placed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OrderTracking" ("orderId", "nextCheckAt", "intervalSeconds", "updatedAt")
  VALUES (NEW."id", (now() AT TIME ZONE 'UTC')::timestamp(3), 0, (now() AT TIME ZONE 'UTC')::timestamp(3))
  ON CONFLICT ("orderId") DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Order_track_placed"
  AFTER INSERT OR UPDATE OF "status" ON "Order"
  FOR EACH ROW
  WHEN (NEW."status" = 'PLACED')
  EXECUTE FUNCTION "portal_track_placed"();

-- Orders placed before this migration are tracked too.
INSERT INTO "OrderTracking" ("orderId", "nextCheckAt", "intervalSeconds", "updatedAt")
SELECT "id", (now() AT TIME ZONE 'UTC')::timestamp(3), 0, (now() AT TIME ZONE 'UTC')::timestamp(3)
FROM "Order" WHERE "status" = 'PLACED'
ON CONFLICT ("orderId") DO NOTHING;
