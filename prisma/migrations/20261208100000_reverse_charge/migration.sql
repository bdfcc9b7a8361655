-- EU VAT reverse charge (lib/prices/reverse-charge.ts): an organization's EU VAT identification
-- number, and on each order whether its stored quote was a reverse charge and under which number.
ALTER TABLE "Organization" ADD COLUMN "vatNumber" TEXT;

ALTER TABLE "Order" ADD COLUMN "quoteReverseCharge" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Order" ADD COLUMN "quoteVatNumber" TEXT;
