import { checkVAT, countries as vatCountries } from "jsvat";
import { COUNTRIES } from "@/lib/sectigo/countries";

// EU VAT reverse charge for B2B services (Council Directive 2006/112/EC, Articles 44 and 196):
// a business customer established in another member state than the seller, identified by a
// valid VAT number, is invoiced without VAT and accounts for it itself. Browser-safe: the profile
// form and the server check a VAT number with the same function (jsvat: shape and check digits
// per member state, the rules VIES applies).

/** The 27 member states by VAT prefix, and the ISO country each stands for (Greece writes EL). */
const EU_VAT_PREFIXES: Record<string, string> = {
  AT: "AT",
  BE: "BE",
  BG: "BG",
  CY: "CY",
  CZ: "CZ",
  DE: "DE",
  DK: "DK",
  EE: "EE",
  EL: "GR",
  ES: "ES",
  FI: "FI",
  FR: "FR",
  HR: "HR",
  HU: "HU",
  IE: "IE",
  IT: "IT",
  LT: "LT",
  LU: "LU",
  LV: "LV",
  MT: "MT",
  NL: "NL",
  PL: "PL",
  PT: "PT",
  RO: "RO",
  SE: "SE",
  SI: "SI",
  SK: "SK",
};

export type VatNumberCheck =
  { ok: true; vatNumber: string; country: string } | { ok: false; message: string };

/**
 * An EU VAT identification number as typed ("DE 123 456 789", "el-094259216"), normalised to its
 * prefix and number without separators, with the member state (ISO code) it belongs to.
 */
export function checkEuVatNumber(raw: string): VatNumberCheck {
  const value = raw.replace(/[\s.\-/]/g, "").toUpperCase();
  const prefix = value.slice(0, 2);
  if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(value))
    return { ok: false, message: "Enter the VAT number with its country letters first, e.g. DE123456789." };
  if (prefix === "GR") return { ok: false, message: `Greek VAT numbers start with EL: EL${value.slice(2)}.` };
  const country = EU_VAT_PREFIXES[prefix];
  if (!country)
    return {
      ok: false,
      message: `${prefix} is not an EU member state's VAT prefix: only EU VAT numbers are accepted here.`,
    };
  const result = checkVAT(value, vatCountries);
  if (!result.isValidFormat)
    return {
      ok: false,
      message: `This is not the shape of a VAT number of ${COUNTRIES.find((c) => c.code === country)?.name ?? country} (${prefix}).`,
    };
  if (!result.isValid)
    return {
      ok: false,
      message:
        "The check digits of this VAT number do not match: look for a typo (VIES checks the same way).",
    };
  return { ok: true, vatNumber: value, country };
}

/**
 * Whether an order is quoted under the reverse charge: the customer is an organization (not a
 * private person) with a valid EU VAT number of the order's country, and that country is another
 * EU member state than the seller's. Otherwise the order's country's rate applies.
 */
export function reverseChargeFor(opts: {
  orderCountry: string | null;
  sellerCountry: string;
  personal: boolean;
  vatNumber: string | null;
}): { vatNumber: string; country: string } | null {
  if (opts.personal || !opts.vatNumber || !opts.orderCountry) return null;
  const checked = checkEuVatNumber(opts.vatNumber);
  if (!checked.ok) return null;
  if (checked.country !== opts.orderCountry || checked.country === opts.sellerCountry) return null;
  return { vatNumber: checked.vatNumber, country: checked.country };
}
