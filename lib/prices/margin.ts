import { Prisma } from "@/lib/generated/prisma/client";
import { formatMoney, formatRate } from "./format";
import { storedQuote } from "./order-quote";

type Amount = { toFixed(digits: number): string } | null;
interface QuotedOrder {
  quoteCurrency: string | null;
  quoteNet: Amount;
  quoteVatRate: Amount;
  quoteVat: Amount;
  quoteGross: Amount;
  quoteVatCountry: string | null;
  quoteReverseCharge?: boolean;
  quoteVatNumber?: string | null;
  totalCost: Amount;
}

/** "€145.00 (net €121.85, VAT 19 % DE €23.15)"; null without a quote. */
export function quoteInWords(order: QuotedOrder): string | null {
  const quote = storedQuote(order);
  if (!quote) return null;
  const money = (amount: string) => formatMoney(amount, quote.currency);
  if (quote.reverseCharge)
    return `${money(quote.gross)} (net ${money(quote.net)}, VAT 0 % reverse charge${
      quote.vatCountry ? ` ${quote.vatCountry}` : ""
    }, customer VAT number ${quote.vatNumber ?? "—"})`;
  return `${money(quote.gross)} (net ${money(quote.net)}, VAT ${formatRate(quote.vatRate)}${
    quote.vatCountry ? ` ${quote.vatCountry}` : ""
  } ${money(quote.vat)})`;
}

/**
 * Quoted net minus Sectigo's cost, exact; null unless both are known. Sectigo's totalCost has no
 * currency of its own: it is taken to be in the quote's currency (the account's currency).
 */
export function margin(order: { quoteNet: Amount; totalCost: Amount }): string | null {
  if (!order.quoteNet || !order.totalCost) return null;
  return new Prisma.Decimal(order.quoteNet.toFixed(2)).sub(order.totalCost.toFixed(2)).toFixed(2);
}

export function marginInWords(order: {
  quoteNet: Amount;
  totalCost: Amount;
  quoteCurrency: string | null;
}): string | null {
  const value = margin(order);
  return value && order.quoteCurrency ? formatMoney(value, order.quoteCurrency) : null;
}

/** The quoted net price formatted; null without a quote. */
export function quotedNetInWords(order: {
  quoteNet: Amount;
  quoteCurrency: string | null;
  quoteReverseCharge?: boolean;
}): string | null {
  if (!order.quoteNet || !order.quoteCurrency) return null;
  const net = formatMoney(order.quoteNet.toFixed(2), order.quoteCurrency);
  return order.quoteReverseCharge ? `${net} (reverse charge)` : net;
}
