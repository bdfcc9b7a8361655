import { z } from "zod";
import { PRODUCTS } from "@/lib/sectigo/products";

// Shared by the admin's price forms (browser) and their actions (server).

/** Every product × validity the wizard offers, as "code:days". */
export const PRICE_CHOICES = PRODUCTS.flatMap((p) => p.days.map((days) => `${p.code}:${days}`));

const choice = z
  .string()
  .refine((value) => PRICE_CHOICES.includes(value), "Choose a certificate and validity the portal offers.");

/** Money as typed: digits with at most two decimals, kept as a string (never a float). */
const amount = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, "Enter an amount such as 120 or 120.50 (at most two decimals).");

const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Enter a three-letter currency code such as EUR.")
  .refine((code) => Intl.supportedValuesOf("currency").includes(code), "This is not a currency code.");

export const setPriceSchema = z.object({
  choice,
  net: amount,
  currency: currency.default("EUR"),
  /** Empty: the list price; else the organization whose own price this is. */
  organizationId: z.string().trim().max(40).default(""),
});
export type SetPriceInput = z.input<typeof setPriceSchema>;

export const removePriceSchema = z.object({
  choice,
  organizationId: z.string().trim().max(40).default(""),
});

export const setVatRateSchema = z.object({
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Enter a two-letter country code such as DE."),
  rate: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, "Enter a percentage such as 19 or 25.5.")
    .refine((value) => Number(value) <= 100, "A VAT rate is at most 100 %."),
});
export type SetVatRateInput = z.input<typeof setVatRateSchema>;

export const removeVatRateSchema = z.object({ countryCode: z.string().regex(/^[A-Z]{2}$/) });

/** "777:365" → its parts. */
export function parseChoice(value: string): { productCode: number; days: number } {
  const [productCode, days] = value.split(":").map(Number);
  return { productCode: productCode!, days: days! };
}
