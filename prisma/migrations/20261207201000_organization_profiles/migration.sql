-- CreateTable
CREATE TABLE "OrganizationProfile" (
    "organizationId" TEXT NOT NULL,
    "values" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganizationProfile_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "OrganizationValidation" (
    "orderId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "validatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganizationValidation_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "OrganizationValidation_organizationId_validatedAt_idx" ON "OrganizationValidation"("organizationId", "validatedAt" DESC);

-- AddForeignKey
ALTER TABLE "OrganizationProfile" ADD CONSTRAINT "OrganizationProfile_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationValidation" ADD CONSTRAINT "OrganizationValidation_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationValidation" ADD CONSTRAINT "OrganizationValidation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
