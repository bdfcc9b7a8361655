import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { PRODUCTS } from "@/lib/sectigo/products";

// Demo prices in EUR, net: a base price per product for one year, QWACs also for 90 days;
// multi-year bundles cost the years less 10 % per extra year (demo figures, not Sectigo's).
const BASE: Record<number, string> = {
  777: "89.00",
  778: "249.00",
  779: "99.00",
  780: "259.00",
  791: "199.00",
  792: "349.00",
  781: "149.00",
  782: "299.00",
  786: "399.00",
  787: "599.00",
  783: "449.00",
  784: "499.00",
  788: "549.00",
  789: "749.00",
};

function demoNet(base: string, days: number): string {
  const price = new Prisma.Decimal(base);
  if (days < 365) return price.mul("0.4").toFixed(2);
  const years = Math.round(days / 365.25);
  return price
    .mul(years)
    .mul(new Prisma.Decimal(10 - (years - 1)).div(10))
    .toFixed(2, Prisma.Decimal.ROUND_HALF_UP);
}

/** Demo mode: fills an empty price list with demo prices (the VAT rates come with the migration). */
export async function seedDemoPrices(): Promise<number> {
  const prisma = await db();
  if ((await prisma.price.count()) > 0) return 0;
  const rows = PRODUCTS.flatMap((p) =>
    p.days.map((days) => ({
      productCode: p.code,
      days,
      currency: "EUR",
      net: demoNet(BASE[p.code] ?? "99.00", days),
    })),
  );
  const created = await prisma.price.createMany({ data: rows, skipDuplicates: true });
  return created.count;
}
