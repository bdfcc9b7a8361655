import { PRODUCTS, type ProductCode } from "@/lib/sectigo/products";

/** Price per product and `days`, in the account's currency. A missing entry answers -115. */
export type PriceTable = Partial<Record<ProductCode, Partial<Record<number, number>>>>;

// Yearly list prices of the sandbox account (invented, plausible for eIDAS certificates).
const YEARLY: Record<ProductCode, number> = {
  777: 89,
  778: 169,
  779: 99,
  780: 179,
  791: 249,
  792: 399,
  781: 199,
  782: 279,
  786: 249,
  787: 329,
  783: 349,
  784: 499,
  788: 399,
  789: 549,
};

/** Every product at every allowed `days`: 90 days cost 40 % of a year, bundles the sum of years. */
export function defaultPriceTable(): PriceTable {
  const table: PriceTable = {};
  for (const product of PRODUCTS) {
    const yearly = YEARLY[product.code];
    table[product.code] = Object.fromEntries(
      product.days.map((days) => [
        days,
        days < 365 ? Math.round(yearly * 40) / 100 : yearly * Math.round(days / 365),
      ]),
    );
  }
  return table;
}

export function priceFor(table: PriceTable, product: ProductCode, days: number): number | undefined {
  return table[product]?.[days];
}

export function formatAmount(amount: number): string {
  return amount.toFixed(2);
}
