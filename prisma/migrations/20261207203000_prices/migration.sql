
-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "quoteCurrency" TEXT,
ADD COLUMN     "quoteGross" DECIMAL(12,2),
ADD COLUMN     "quoteNet" DECIMAL(12,2),
ADD COLUMN     "quotePriceId" TEXT,
ADD COLUMN     "quotePriceSource" TEXT,
ADD COLUMN     "quotePriceVersion" INTEGER,
ADD COLUMN     "quoteVat" DECIMAL(12,2),
ADD COLUMN     "quoteVatCountry" TEXT,
ADD COLUMN     "quoteVatRate" DECIMAL(5,2),
ADD COLUMN     "quotedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Price" (
    "id" TEXT NOT NULL,
    "productCode" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "net" DECIMAL(12,2) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Price_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationPrice" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "productCode" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "net" DECIMAL(12,2) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganizationPrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VatRate" (
    "countryCode" TEXT NOT NULL,
    "rate" DECIMAL(5,2) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VatRate_pkey" PRIMARY KEY ("countryCode")
);

-- CreateIndex
CREATE UNIQUE INDEX "Price_productCode_days_key" ON "Price"("productCode", "days");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationPrice_organizationId_productCode_days_key" ON "OrganizationPrice"("organizationId", "productCode", "days");

-- AddForeignKey
ALTER TABLE "OrganizationPrice" ADD CONSTRAINT "OrganizationPrice_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: amounts are never negative, currencies are ISO 4217 codes, rates are percents.
ALTER TABLE "Price" ADD CONSTRAINT "Price_amount_check" CHECK ("net" >= 0 AND "currency" ~ '^[A-Z]{3}$');
ALTER TABLE "OrganizationPrice" ADD CONSTRAINT "OrganizationPrice_amount_check" CHECK ("net" >= 0 AND "currency" ~ '^[A-Z]{3}$');
ALTER TABLE "VatRate" ADD CONSTRAINT "VatRate_rate_check" CHECK ("rate" >= 0 AND "rate" <= 100 AND "countryCode" ~ '^[A-Z]{2}$');

-- Hand-written: the standard VAT rates of the 27 EU member states (ISO country codes, so Greece
-- is GR, not its VAT prefix EL), as in force in 2026; admins keep them current at /admin/prices.
INSERT INTO "VatRate" ("countryCode", "rate", "updatedAt") VALUES
  ('AT', 20, CURRENT_TIMESTAMP), ('BE', 21, CURRENT_TIMESTAMP), ('BG', 20, CURRENT_TIMESTAMP),
  ('CY', 19, CURRENT_TIMESTAMP), ('CZ', 21, CURRENT_TIMESTAMP), ('DE', 19, CURRENT_TIMESTAMP),
  ('DK', 25, CURRENT_TIMESTAMP), ('EE', 24, CURRENT_TIMESTAMP), ('ES', 21, CURRENT_TIMESTAMP),
  ('FI', 25.5, CURRENT_TIMESTAMP), ('FR', 20, CURRENT_TIMESTAMP), ('GR', 24, CURRENT_TIMESTAMP),
  ('HR', 25, CURRENT_TIMESTAMP), ('HU', 27, CURRENT_TIMESTAMP), ('IE', 23, CURRENT_TIMESTAMP),
  ('IT', 22, CURRENT_TIMESTAMP), ('LT', 21, CURRENT_TIMESTAMP), ('LU', 17, CURRENT_TIMESTAMP),
  ('LV', 21, CURRENT_TIMESTAMP), ('MT', 18, CURRENT_TIMESTAMP), ('NL', 21, CURRENT_TIMESTAMP),
  ('PL', 23, CURRENT_TIMESTAMP), ('PT', 23, CURRENT_TIMESTAMP), ('RO', 21, CURRENT_TIMESTAMP),
  ('SE', 25, CURRENT_TIMESTAMP), ('SI', 22, CURRENT_TIMESTAMP), ('SK', 23, CURRENT_TIMESTAMP);
