import "server-only";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { csrOfInput } from "@/lib/orders/model/input";
import { env } from "@/lib/env";
import { computeQuote, type PriceRow, type Quote, type VatRow } from "./quote";
import { reverseChargeFor } from "./reverse-charge";

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
  const [price, vat, organization] = await Promise.all([
    findPrice(prisma, organizationId, product, days),
    findVatRate(prisma, country),
    prisma.organization.findUnique({
      where: { id: organizationId },
      select: { personal: true, vatNumber: true },
    }),
  ]);
  return computeQuote(price, country, vat, buyerReverseCharge(country, organization));
}

/** The reverse charge of an order's organization, if it qualifies (lib/prices/reverse-charge.ts). */
function buyerReverseCharge(
  country: string | null,
  organization: { personal: boolean; vatNumber: string | null } | null,
) {
  if (!organization) return null;
  return reverseChargeFor({
    orderCountry: country,
    sellerCountry: env().SELLER_COUNTRY,
    personal: organization.personal,
    vatNumber: organization.vatNumber,
  });
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

/**
 * The quote of an order's input in ONE statement (the submission counts its round trips): the
 * order's organization's own price, the list price and the country's VAT row, then the same
 * computeQuote as the review step.
 */
export async function quoteForOrder(
  prisma: Reader,
  orderId: string,
  input: Record<string, unknown>,
): Promise<Quote | null> {
  const product = Number(input.product);
  const days = Number(input.days);
  if (!Number.isInteger(product) || !Number.isInteger(days)) return null;
  const country = quoteCountry(input);
  const rows = await prisma.$queryRaw<
    {
      ownId: string | null;
      ownVersion: number | null;
      ownCurrency: string | null;
      ownNet: Prisma.Decimal | null;
      listId: string | null;
      listVersion: number | null;
      listCurrency: string | null;
      listNet: Prisma.Decimal | null;
      vatRate: Prisma.Decimal | null;
      vatVersion: number | null;
      personal: boolean | null;
      vatNumber: string | null;
    }[]
  >`
    SELECT op."id" AS "ownId", op."version" AS "ownVersion", op."currency" AS "ownCurrency", op."net" AS "ownNet",
      p."id" AS "listId", p."version" AS "listVersion", p."currency" AS "listCurrency", p."net" AS "listNet",
      v."rate" AS "vatRate", v."version" AS "vatVersion",
      org."personal" AS "personal", org."vatNumber" AS "vatNumber"
    FROM (SELECT 1) one
    LEFT JOIN "Order" o ON o."id" = ${orderId}::text
    LEFT JOIN "Organization" org ON org."id" = o."organizationId"
    LEFT JOIN "OrganizationPrice" op ON op."organizationId" = o."organizationId"
      AND op."productCode" = ${product}::int AND op."days" = ${days}::int
    LEFT JOIN "Price" p ON p."productCode" = ${product}::int AND p."days" = ${days}::int
    LEFT JOIN "VatRate" v ON v."countryCode" = ${country}::text`;
  const row = rows[0];
  if (!row) return null;
  const price: PriceRow | null =
    row.ownId && row.ownNet && row.ownCurrency && row.ownVersion !== null
      ? {
          id: row.ownId,
          source: "organization",
          version: row.ownVersion,
          currency: row.ownCurrency,
          net: row.ownNet,
        }
      : row.listId && row.listNet && row.listCurrency && row.listVersion !== null
        ? {
            id: row.listId,
            source: "list",
            version: row.listVersion,
            currency: row.listCurrency,
            net: row.listNet,
          }
        : null;
  const vat: VatRow | null =
    country && row.vatRate && row.vatVersion !== null
      ? { countryCode: country, rate: row.vatRate, version: row.vatVersion }
      : null;
  const organization = row.personal === null ? null : { personal: row.personal, vatNumber: row.vatNumber };
  return computeQuote(price, country, vat, buyerReverseCharge(country, organization));
}
