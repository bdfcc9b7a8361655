import type { Prisma } from "@/lib/generated/prisma/client";

// The quote stored on an order, as the read models select it and the pages show it. Every
// audience that sees an order may see its quote (what the customer is charged); the reseller's
// cost (Order.totalCost) is not part of it.

export const ORDER_QUOTE = {
  quoteCurrency: true,
  quoteNet: true,
  quoteVatRate: true,
  quoteVat: true,
  quoteGross: true,
  quoteVatCountry: true,
  quoteReverseCharge: true,
  quoteVatNumber: true,
  quotedAt: true,
} as const satisfies Prisma.OrderSelect;

type Amount = { toFixed(digits: number): string } | null;

export interface StoredQuote {
  currency: string;
  net: string;
  vatRate: string;
  vat: string;
  gross: string;
  vatCountry: string | null;
  /** EU reverse charge under the customer's VAT number (0 % VAT). */
  reverseCharge: boolean;
  vatNumber: string | null;
}

/** The stored quote as strings; null when the order has none (price on request, or older). */
export function storedQuote(row: {
  quoteCurrency: string | null;
  quoteNet: Amount;
  quoteVatRate: Amount;
  quoteVat: Amount;
  quoteGross: Amount;
  quoteVatCountry: string | null;
  quoteReverseCharge?: boolean;
  quoteVatNumber?: string | null;
}): StoredQuote | null {
  if (!row.quoteCurrency || !row.quoteNet || !row.quoteVatRate || !row.quoteVat || !row.quoteGross)
    return null;
  return {
    currency: row.quoteCurrency,
    net: row.quoteNet.toFixed(2),
    vatRate: row.quoteVatRate.toFixed(2),
    vat: row.quoteVat.toFixed(2),
    gross: row.quoteGross.toFixed(2),
    vatCountry: row.quoteVatCountry,
    reverseCharge: row.quoteReverseCharge ?? false,
    vatNumber: row.quoteVatNumber ?? null,
  };
}
