-- AlterTable
ALTER TABLE "OrderTracking" ADD COLUMN     "refundRecordedAt" TIMESTAMP(3),
ADD COLUMN     "refundState" TEXT;

-- CreateIndex
CREATE INDEX "OrderTracking_refundState_idx" ON "OrderTracking"("refundState");
