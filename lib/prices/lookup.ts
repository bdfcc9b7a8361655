import "server-only";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { csrOfInput } from "@/lib/orders/model/input";
import { computeQuote, type PriceRow, type Quote, type VatRow } from "./quote";

type Reader = PrismaClient | Prisma.TransactionClient;

/**
 * The country whose VAT applies: the order's organization country, else the country in its CSR's
 * subject (the wizard does not ask for it when the CSR carries it). Null when neither has one.
 */
export function quoteCountry(input: Record<string, unknown>): string | null {
  if (typeof input.countryName === "string" && /^[A-Z]{2}$/.test(input.countryName)) return input.countryName;
  const fromCsr = csrOfInput(input)?.subject.countryName;
  return typeof fromCsr === "string" && /^[A-Z]{2}$/.test(fromCsr) ? fromCsr : null;
}

/** The organization's own price for product × validity, else the list price; null: none defined. */
export async function findPrice(
  prisma: Reader,
  organizationId: string,
  productCode: number,
  days: number,
): Promise<PriceRow | null> {
  const own = await prisma.organizationPrice.findUnique({
    where: { organizationId_productCode_days: { organizationId, productCode, days } },
    select: { id: true, version: true, currency: true, net: true },
  });
  if (own) return { ...own, source: "organization" };
  const list = await prisma.price.findUnique({
    where: { productCode_days: { productCode, days } },
    select: { id: true, version: true, currency: true, net: true },
  });
  return list ? { ...list, source: "list" } : null;
}

/** The VAT row of a country; null when the table has none. */
export async function findVatRate(prisma: Reader, country: string | null): Promise<VatRow | null> {
  if (!country) return null;
  return prisma.vatRate.findUnique({
    where: { countryCode: country },
    select: { countryCode: true, rate: true, version: true },
  });
}

/**
 * The quote for an order's input at its organization: the one function behind the review step's
 * display and the quote stored at submission. Null: no product/validity chosen or no price.
 */
export async function quoteFor(
  prisma: Reader,
  organizationId: string,
  input: Record<string, unknown>,
): Promise<Quote | null> {
  const product = Number(input.product);
  const days = Number(input.days);
  if (!Number.isInteger(product) || !Number.isInteger(days)) return null;
  const country = quoteCountry(input);
  const [price, vat] = await Promise.all([
    findPrice(prisma, organizationId, product, days),
    findVatRate(prisma, country),
  ]);
  return computeQuote(price, country, vat);
}

/** Net prices by "product:days" for an organization (its own over the list), for the wizard. */
export async function priceTable(
  organizationId: string,
): Promise<Record<string, { net: string; currency: string }>> {
  const prisma = await db();
  const [list, own] = await Promise.all([
    prisma.price.findMany({ select: { productCode: true, days: true, net: true, currency: true } }),
    prisma.organizationPrice.findMany({
      where: { organizationId },
      select: { productCode: true, days: true, net: true, currency: true },
    }),
  ]);
  const table: Record<string, { net: string; currency: string }> = {};
  for (const row of [...list, ...own]) {
    table[`${row.productCode}:${row.days}`] = { net: row.net.toFixed(2), currency: row.currency };
  }
  return table;
}
