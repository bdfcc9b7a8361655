import { isQwacLegal } from "./products";
import type { Applicability, Rule, RuleContext } from "./param-types";

// Small building blocks for the registry's rules, so each row states its condition in one line.

type Predicate = (ctx: RuleContext) => boolean;

export const always =
  (a: Applicability): Rule =>
  () =>
    a;

/** `then` when the predicate holds, otherwise forbidden (or `otherwise`). */
export const when =
  (predicate: Predicate, then: Applicability, otherwise: Applicability = "forbidden"): Rule =>
  (ctx) =>
    predicate(ctx) ? then : otherwise;

export const isQwac: Predicate = (ctx) => ctx.product.qwac;
export const isMultiDomainQwac: Predicate = (ctx) => ctx.product.qwac && ctx.product.multiDomain;
export const isLegal: Predicate = (ctx) => ctx.product.person === "legal";
export const isNatural: Predicate = (ctx) => ctx.product.person === "natural";
export const isPsd2: Predicate = (ctx) => ctx.product.psd2;
export const isQwacLegalProduct: Predicate = (ctx) => isQwacLegal(ctx.product);
export const shipsToken: Predicate = (ctx) => ctx.shipsToken;
/** N2: SmartCardBased only for non-QSCD products, and not for QWACs. */
export const mayChooseToken: Predicate = (ctx) => !ctx.product.qscd && !ctx.product.qwac;

/** Citizen products 777/778 (N1: no organization name expected). */
export const isCitizen: Predicate = (ctx) => ctx.product.code === 777 || ctx.product.code === 778;

/** "Required unless the CSR carries it" (spec §2.3, rows 11–19). */
export function unlessInCsr(attribute: keyof NonNullable<RuleContext["csr"]>["subject"]): Rule {
  return (ctx) => (ctx.csr?.subject[attribute]?.trim() ? "optional" : "required");
}

// The address lines proper; organization, department and courier contact do not start an address.
const SHIPPING_ADDRESS_KEYS = [
  "shippingStreetAddress1",
  "shippingStreetAddress2",
  "shippingStreetAddress3",
  "shippingLocalityName",
  "shippingStateOrProvinceName",
  "shippingPostalCode",
  "shippingCountryName",
] as const;

function given(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function isGiven(ctx: RuleContext, key: string): boolean {
  return given(ctx.input[key]);
}

/**
 * Portal policy for the shipping address: Sectigo falls back to the organization address when
 * none is given, so the block is optional, but a partly filled address cannot be delivered to.
 */
export const shippingAddressPart: Rule = (ctx) => {
  if (!ctx.shipsToken) return "forbidden";
  return SHIPPING_ADDRESS_KEYS.some((key) => isGiven(ctx, key)) ? "required" : "optional";
};
