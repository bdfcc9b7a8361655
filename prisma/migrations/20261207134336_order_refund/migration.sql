-- AlterTable
ALTER TABLE "OrderTracking" ADD COLUMN     "refundRecordedAt" TIMESTAMP(3),
ADD COLUMN     "refundState" TEXT;

-- CreateIndex
CREATE INDEX "OrderTracking_refundState_idx" ON "OrderTracking"("refundState");

-- Orders cancelled at Sectigo before refunds were followed: their refund is support's to ask for too.
UPDATE "OrderTracking" t SET "refundState" = 'to_confirm'
FROM "Order" o
WHERE o."id" = t."orderId" AND o."status" = 'CANCELLED' AND t."revocationOutcome" = 'done' AND NOT o."test";
