-- CreateTable
CREATE TABLE "CompromisedKey" (
    "spkiSha256" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompromisedKey_pkey" PRIMARY KEY ("spkiSha256")
);

-- CreateIndex
CREATE INDEX "CompromisedKey_orderId_idx" ON "CompromisedKey"("orderId");

-- AddForeignKey
ALTER TABLE "CompromisedKey" ADD CONSTRAINT "CompromisedKey_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
