import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { PRODUCTS } from "@/lib/sectigo/products";

// Demo prices in EUR, net: a base price per product for one year, about 40 % over the sandbox
// CA's cost (sandbox/prices.ts) so the admin's margins show something; 90 days cost 40 % of a
// year, multi-year bundles the years less 10 % per extra year (demo figures, not Sectigo's).
const BASE: Record<number, string> = {
  777: "129.00",
  778: "239.00",
  779: "139.00",
  780: "249.00",
  791: "349.00",
  792: "549.00",
  781: "279.00",
  782: "389.00",
  786: "349.00",
  787: "459.00",
  783: "489.00",
  784: "699.00",
  788: "559.00",
  789: "769.00",
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
