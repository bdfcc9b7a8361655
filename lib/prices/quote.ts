import { Prisma } from "@/lib/generated/prisma/client";
import { formatRate } from "./format";

// The quote is computed by this one function for the wizard's display and for the row stored on
// the order, so the price the customer saw is the price stored. Amounts are exact decimals
// (Prisma's Decimal, i.e. decimal.js), carried as strings outside the server.

const Decimal = Prisma.Decimal;

/** A price row as the lookup found it: the organization's own, else the list price. */
export interface PriceRow {
  id: string;
  source: "list" | "organization";
  version: number;
  currency: string;
  net: Prisma.Decimal | string;
}

/** A VAT rate row (percent) of the customer's country. */
export interface VatRow {
  countryCode: string;
  rate: Prisma.Decimal | string;
  version: number;
}

export interface Quote {
  currency: string;
  net: string;
  /** Percent, e.g. "19.00"; "0.00" when no VAT is charged. */
  vatRate: string;
  vat: string;
  gross: string;
  /** The country whose rate applied; null when the order names none. */
  vatCountry: string | null;
  /** Why this VAT applies, in words for the review step. */
  vatNote: string;
  /** EU reverse charge: 0 % VAT, the customer (this VAT number) accounts for it. */
  reverseCharge: boolean;
  vatNumber: string | null;
  source: "list" | "organization";
  priceId: string;
  priceVersion: number;
  vatVersion: number | null;
}

const money = (value: Prisma.Decimal) => value.toFixed(2, Decimal.ROUND_HALF_UP);

/**
 * The quote for a price and the customer's country. VAT is the country's rate from the table,
 * rounded half-up to the cent; a country outside the table pays no VAT (a supply outside the EU);
 * an order without a country is quoted without VAT and says so. Null: no price (on request).
 */
export function computeQuote(
  price: PriceRow | null,
  country: string | null,
  vat: VatRow | null,
  reverseCharge: { vatNumber: string } | null = null,
): Quote | null {
  if (!price) return null;
  const net = new Decimal(price.net);
  const rate = vat && !reverseCharge ? new Decimal(vat.rate) : new Decimal(0);
  const vatAmount = net.mul(rate).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const vatNote = reverseCharge
    ? `Reverse charge: no VAT charged; the customer (VAT number ${reverseCharge.vatNumber}) accounts for the VAT in ${country} (Article 196 of the VAT Directive).`
    : !country
      ? "No country given for the order: quoted without VAT."
      : vat
        ? `VAT at ${formatRate(money(rate))} for ${country}.`
        : `No VAT: ${country} is outside the VAT table (a supply outside the EU).`;
  return {
    currency: price.currency,
    net: money(net),
    vatRate: money(rate),
    vat: money(vatAmount),
    gross: money(net.add(vatAmount)),
    vatCountry: country,
    vatNote,
    reverseCharge: reverseCharge !== null,
    vatNumber: reverseCharge?.vatNumber ?? null,
    source: price.source,
    priceId: price.id,
    priceVersion: price.version,
    vatVersion: vat?.version ?? null,
  };
}

/**
 * What the review step shows and posts back: every value of the quote and the rows' versions.
 * The server recomputes it at submission and refuses a different one.
 */
export function quoteKey(quote: Quote | null): string {
  if (!quote) return "on-request";
  return [
    quote.source,
    quote.priceId,
    quote.priceVersion,
    quote.currency,
    quote.net,
    quote.vatCountry ?? "-",
    quote.vatRate,
    quote.vatVersion ?? "-",
    quote.reverseCharge ? `reverse-charge:${quote.vatNumber}` : "-",
    quote.gross,
  ].join("|");
}

/** The order's quote columns for a quote (all null for "price on request"). */
export function quoteColumns(quote: Quote | null, at: Date) {
  return {
    quoteCurrency: quote?.currency ?? null,
    quoteNet: quote?.net ?? null,
    quoteVatRate: quote?.vatRate ?? null,
    quoteVat: quote?.vat ?? null,
    quoteGross: quote?.gross ?? null,
    quoteVatCountry: quote?.vatCountry ?? null,
    quoteReverseCharge: quote?.reverseCharge ?? false,
    quoteVatNumber: quote?.vatNumber ?? null,
    quotePriceSource: quote?.source ?? null,
    quotePriceId: quote?.priceId ?? null,
    quotePriceVersion: quote?.priceVersion ?? null,
    quotedAt: quote ? at : null,
  };
}
