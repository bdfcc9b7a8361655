import "server-only";
import { db } from "@/lib/db";
import { ADMIN, assertRole } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { parseChoice, type removePriceSchema, type setPriceSchema, type setVatRateSchema } from "./schemas";
import type { z } from "zod";

// Every change is audited in the same transaction, with the row before and after. A change bumps
// the row's version; quotes already stored on orders are copies and never change with it.

type SetPrice = z.output<typeof setPriceSchema>;
type RemovePrice = z.output<typeof removePriceSchema>;
type SetVatRate = z.output<typeof setVatRateSchema>;

const money = (row: { net: { toFixed(n: number): string }; currency: string; version: number } | null) =>
  row ? { net: row.net.toFixed(2), currency: row.currency, version: row.version } : null;

/** Sets the list price, or an organization's own price, of a product × validity. Admins only. */
export async function setPrice(admin: SessionUser, input: SetPrice) {
  assertRole(admin, ADMIN);
  const { productCode, days } = parseChoice(input.choice);
  const organizationId = input.organizationId || null;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    let before, after;
    if (organizationId) {
      const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
      if (!org)
        throw new Refusal("invalid", "No such organization.", { organizationId: ["No such organization."] });
      const key = { organizationId_productCode_days: { organizationId, productCode, days } };
      before = await tx.organizationPrice.findUnique({ where: key });
      after = await tx.organizationPrice.upsert({
        where: key,
        create: { organizationId, productCode, days, net: input.net, currency: input.currency },
        update: { net: input.net, currency: input.currency, version: { increment: 1 } },
      });
    } else {
      const key = { productCode_days: { productCode, days } };
      before = await tx.price.findUnique({ where: key });
      after = await tx.price.upsert({
        where: key,
        create: { productCode, days, net: input.net, currency: input.currency },
        update: { net: input.net, currency: input.currency, version: { increment: 1 } },
      });
    }
    await recordAudit(tx, {
      actorId: admin.id,
      action: "price.set",
      details: { productCode, days, organizationId, before: money(before), after: money(after) },
    });
    return after;
  });
}

/** Removes a price row: the choice becomes "price on request" (or falls back to the list price). */
export async function removePrice(admin: SessionUser, input: RemovePrice) {
  assertRole(admin, ADMIN);
  const { productCode, days } = parseChoice(input.choice);
  const organizationId = input.organizationId || null;
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const before = organizationId
      ? await tx.organizationPrice.findUnique({
          where: { organizationId_productCode_days: { organizationId, productCode, days } },
        })
      : await tx.price.findUnique({ where: { productCode_days: { productCode, days } } });
    if (!before) throw new Refusal("not_found", "This price was already removed.");
    if (organizationId) await tx.organizationPrice.delete({ where: { id: before.id } });
    else await tx.price.delete({ where: { id: before.id } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "price.removed",
      details: { productCode, days, organizationId, before: money(before) },
    });
  });
}

/** Sets a country's VAT rate (percent). Admins only. */
export async function setVatRate(admin: SessionUser, input: SetVatRate) {
  assertRole(admin, ADMIN);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.vatRate.findUnique({ where: { countryCode: input.countryCode } });
    const after = await tx.vatRate.upsert({
      where: { countryCode: input.countryCode },
      create: { countryCode: input.countryCode, rate: input.rate },
      update: { rate: input.rate, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "vat_rate.set",
      details: {
        countryCode: input.countryCode,
        before: before ? before.rate.toFixed(2) : null,
        after: after.rate.toFixed(2),
      },
    });
    return after;
  });
}

/** Removes a country from the VAT table (its customers then pay no VAT). Admins only. */
export async function removeVatRate(admin: SessionUser, countryCode: string) {
  assertRole(admin, ADMIN);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const before = await tx.vatRate.findUnique({ where: { countryCode } });
    if (!before) throw new Refusal("not_found", "This VAT rate was already removed.");
    await tx.vatRate.delete({ where: { countryCode } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "vat_rate.removed",
      details: { countryCode, before: before.rate.toFixed(2) },
    });
  });
}

/** The price list, the organizations' own prices and the VAT table, for the admin page. */
export async function listPrices(admin: SessionUser) {
  assertRole(admin, ADMIN);
  const prisma = await db();
  const [list, own, vat, organizations] = await Promise.all([
    prisma.price.findMany({ orderBy: [{ productCode: "asc" }, { days: "asc" }] }),
    prisma.organizationPrice.findMany({
      orderBy: [{ organizationId: "asc" }, { productCode: "asc" }, { days: "asc" }],
      include: { organization: { select: { name: true } } },
    }),
    prisma.vatRate.findMany({ orderBy: { countryCode: "asc" } }),
    // Only shared organizations get prices of their own; personal ones are one per account.
    prisma.organization.findMany({
      where: { personal: false },
      orderBy: { name: "asc" },
      take: 500,
      select: { id: true, name: true },
    }),
  ]);
  const plain = (r: {
    productCode: number;
    days: number;
    net: { toFixed(n: number): string };
    currency: string;
    version: number;
    updatedAt: Date;
  }) => ({
    choice: `${r.productCode}:${r.days}`,
    productCode: r.productCode,
    days: r.days,
    net: r.net.toFixed(2),
    currency: r.currency,
    version: r.version,
    updatedAt: r.updatedAt,
  });
  return {
    list: list.map(plain),
    own: own.map((r) => ({
      ...plain(r),
      organizationId: r.organizationId,
      organizationName: r.organization.name,
    })),
    vat: vat.map((r) => ({
      countryCode: r.countryCode,
      rate: r.rate.toFixed(2),
      version: r.version,
      updatedAt: r.updatedAt,
    })),
    organizations,
  };
}
