import { checkVAT, countries as vatCountries } from "jsvat";
import { COUNTRIES, isCountryCode } from "@/lib/sectigo/countries";
import { ncaById, NCAS } from "./nca";

// The semantics identifiers of eIDAS certificates, as the standards define them:
// - legal persons (organizationIdentifier): ETSI EN 319 412-1 §5.1.4 — VAT, NTR, PSD, LEI or a
//   national scheme "XX:", then the country, a hyphen and the reference;
// - natural persons (serialNumber / personalIdentifier): ETSI EN 319 412-1 §5.1.3 — PAS, IDC,
//   PNO, TIN or a national scheme "XX:" (TAX is deprecated; Sectigo refuses it);
// - PSD2: ETSI TS 119 495 §5.2.1 — PSD, the NCA's country, a hyphen, the NCA's code from the
//   EBA list, a hyphen and the authorisation number;
// - LEI: ISO 17442, 20 characters whose last two are ISO 7064 MOD 97-10 check digits, with the
//   country "XG" (a global scheme);
// - VAT numbers per country, check digits included, by jsvat (the rules VIES applies), with
//   "EL" for Greece and "XI" for Northern Ireland as the VAT system writes them.
// Browser-safe: the wizard and the server apply the same rules. Each problem names its rule and
// shows a valid example, so a customer can fix the value without reading the standard.

export interface IdentifierProblem {
  /** Where the rule comes from, e.g. "ETSI EN 319 412-1 §5.1.4". */
  rule: string;
  message: string;
}

export interface ParsedIdentifier {
  /** VAT, NTR, PSD, LEI, PAS, IDC, PNO, TIN, or a national scheme's two letters. */
  type: string;
  nationalScheme: boolean;
  country: string;
  reference: string;
}

export interface ParsedPsdIdentifier {
  country: string;
  /** The NCA's identifier, e.g. DE-BAFIN. */
  ncaId: string;
  authorisationNumber: string;
}

const EN_LEGAL = "ETSI EN 319 412-1 §5.1.4";
const EN_NATURAL = "ETSI EN 319 412-1 §5.1.3";
const TS_PSD2 = "ETSI TS 119 495 §5.2.1";
const ISO_LEI = "ISO 17442";

export const LEGAL_TYPES = ["VAT", "NTR", "PSD", "LEI"] as const;
export const NATURAL_TYPES = ["PAS", "IDC", "PNO", "TIN"] as const;

const SHAPE = /^([A-Za-z]{3}|[A-Za-z]{2}:)([A-Za-z]{2})-(.*)$/s;
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ./:+-]*$/;
const LEI = /^[A-Z0-9]{18}[0-9]{2}$/;
const PSD = /^PSD([A-Z]{2})-([A-Z]{2,8})-(.+)$/s;

export const LEGAL_EXAMPLE = "VATBE-0123456749";
export const PERSONAL_EXAMPLE = "PNODE-1234567890";

/** The identifier's parts, or null when it does not have the type-country-hyphen shape. */
export function parseIdentifier(value: string): ParsedIdentifier | null {
  const match = SHAPE.exec(value);
  if (!match) return null;
  const nationalScheme = match[1]!.endsWith(":");
  return {
    type: nationalScheme ? match[1]!.slice(0, 2) : match[1]!,
    nationalScheme,
    country: match[2]!,
    reference: match[3]!,
  };
}

/** A PSD2 authorisation identifier's parts (TS 119 495 §5.2.1), or null for another shape. */
export function parsePsdIdentifier(value: string): ParsedPsdIdentifier | null {
  const match = PSD.exec(value);
  if (!match) return null;
  return { country: match[1]!, ncaId: `${match[1]}-${match[2]}`, authorisationNumber: match[3]! };
}

/** ISO 17442: 18 characters, then two check digits making the whole number ≡ 1 (mod 97). */
export function isValidLei(lei: string): boolean {
  if (!LEI.test(lei)) return false;
  let remainder = 0;
  for (const char of lei) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

function countryName(code: string): string {
  if (code === "EL") return "Greece";
  if (code === "XI") return "Northern Ireland";
  return COUNTRIES.find((c) => c.code === code)?.name ?? code;
}

const problem = (rule: string, message: string): IdentifierProblem => ({ rule, message });

function checkCase(value: string, parsed: ParsedIdentifier, rule: string): IdentifierProblem | null {
  const prefix = `${parsed.type}${parsed.nationalScheme ? ":" : ""}${parsed.country}`;
  return prefix === prefix.toUpperCase()
    ? null
    : problem(rule, `Write the type and country in capitals: ${prefix.toUpperCase()}-${parsed.reference}.`);
}

function checkReference(parsed: ParsedIdentifier, rule: string, example: string): IdentifierProblem | null {
  if (parsed.reference.trim() === "")
    return problem(rule, `After the hyphen comes the number itself, e.g. ${example}.`);
  if (!REFERENCE.test(parsed.reference))
    return problem(
      rule,
      `The number after the hyphen may hold letters, digits and . / - only, e.g. ${example}.`,
    );
  return null;
}

function checkVatReference(country: string, reference: string): IdentifierProblem | null {
  const rule = `${EN_LEGAL} (VAT)`;
  if (country === "GR")
    return problem(rule, `Greek VAT numbers carry the country code EL: VATEL-${reference}.`);
  if (/[\s.]/.test(reference))
    return problem(
      rule,
      `Write the VAT number without spaces or dots, as VIES shows it: VAT${country}-${reference.replace(/[\s.]/g, "")}.`,
    );
  if (reference.toUpperCase().startsWith(country) && reference.length > 2)
    return problem(
      rule,
      `Leave out the country letters after the hyphen: VAT${country}-${reference.slice(country.length)}.`,
    );
  // Northern Ireland's VAT numbers are UK numbers under the XI prefix.
  const vatPrefix = country === "EL" ? "EL" : country === "XI" ? "GB" : country;
  const result = checkVAT(`${vatPrefix}${reference}`, vatCountries);
  if (!result.isSupportedCountry) return null;
  if (!result.isValidFormat)
    return problem(
      rule,
      `This is not the shape of a VAT number of ${countryName(country)}. Copy it from the company's VAT registration, without the country letters.`,
    );
  if (!result.isValid)
    return problem(
      rule,
      `The check digits of this VAT number of ${countryName(country)} do not match: look for a typo (VIES checks the same way).`,
    );
  return null;
}

function checkPsd(value: string): IdentifierProblem | null {
  const nca = (country: string) => NCAS.filter((n) => n.country === country).map((n) => n.id);
  const loose = /^PSD([A-Za-z]{2})-([A-Za-z]*)(-?)(.*)$/s.exec(value);
  if (!loose)
    return problem(
      TS_PSD2,
      "Use PSD, the country, a hyphen, the authority's code, a hyphen and the number, e.g. PSDDE-BAFIN-123456.",
    );
  const [, country, code, hyphen, number] = loose as unknown as [string, string, string, string, string];
  if (country !== country.toUpperCase() || code !== code.toUpperCase())
    return problem(
      TS_PSD2,
      `Write the country and the authority's code in capitals: PSD${country.toUpperCase()}-${code.toUpperCase()}-${number}.`,
    );
  if (!isCountryCode(country))
    return problem(TS_PSD2, `"${country}" is not a country code, e.g. PSDDE-BAFIN-123456.`);
  const known = ncaById(`${country}-${code}`);
  if (!known) {
    const there = nca(country);
    return problem(
      TS_PSD2,
      there.length > 0
        ? `${code || "(nothing)"} is not the PSD2 authority of ${countryName(country)}; its code is ${there.map((id) => id.slice(3)).join(" or ")}, e.g. PSD${there[0]}-${ncaById(there[0]!)?.example?.split("-").slice(2).join("-") ?? "12345"}.`
        : `${countryName(country)} has no PSD2 authority on the EBA's list; use the identifier your authority gave you.`,
    );
  }
  if (!hyphen || number.trim() === "")
    return problem(
      TS_PSD2,
      `After ${known.id} comes a hyphen and the authorisation number, e.g. ${known.example ?? `PSD${known.id}-12345`}.`,
    );
  return null;
}

/** An organization identifier (legal person), e.g. VATBE-0123456749; null when it is right. */
export function checkLegalIdentifier(value: string): IdentifierProblem | null {
  if (/^PSD/i.test(value)) return checkPsd(value);
  const parsed = parseIdentifier(value);
  if (!parsed)
    return problem(
      EN_LEGAL,
      `An organization identifier is the type (VAT, NTR, PSD or LEI), the country and a hyphen before the number, not the company's name, e.g. ${LEGAL_EXAMPLE} or NTRDE-HRB12345.`,
    );
  const caseProblem = checkCase(value, parsed, EN_LEGAL);
  if (caseProblem) return caseProblem;
  if (!parsed.nationalScheme && !(LEGAL_TYPES as readonly string[]).includes(parsed.type))
    return problem(
      EN_LEGAL,
      `"${parsed.type}" is not a type of organization identifier: use VAT, NTR (trade register), PSD (PSD2 authorisation) or LEI, e.g. ${LEGAL_EXAMPLE}.`,
    );
  if (parsed.type === "LEI") {
    if (parsed.country !== "XG")
      return problem(
        ISO_LEI,
        `An LEI is global: its country code is XG, e.g. LEIXG-${parsed.reference || "5299000J2N45DDNE4Y28"}.`,
      );
    if (!LEI.test(parsed.reference))
      return problem(
        ISO_LEI,
        "An LEI has 20 characters, letters and digits, the last two digits, e.g. LEIXG-5299000J2N45DDNE4Y28.",
      );
    if (!isValidLei(parsed.reference))
      return problem(
        ISO_LEI,
        "The check digits of this LEI do not match: look for a typo (the GLEIF register shows the LEI).",
      );
    return null;
  }
  const vatCountry = parsed.type === "VAT" && (parsed.country === "EL" || parsed.country === "XI");
  if (parsed.country === "XG" || !(vatCountry || isCountryCode(parsed.country)))
    return problem(
      EN_LEGAL,
      `"${parsed.country}" is not a country code; use the two letters of the country whose register issued the number, e.g. ${LEGAL_EXAMPLE}.`,
    );
  const referenceProblem = checkReference(parsed, EN_LEGAL, LEGAL_EXAMPLE);
  if (referenceProblem) return referenceProblem;
  return parsed.type === "VAT" ? checkVatReference(parsed.country, parsed.reference) : null;
}

/** A natural person's semantics identifier, e.g. PNODE-1234567890; null when it is right. */
export function checkPersonalSemanticsIdentifier(value: string): IdentifierProblem | null {
  const parsed = parseIdentifier(value);
  if (!parsed)
    return problem(
      EN_NATURAL,
      `A personal identifier is the type (PAS passport, IDC identity card, PNO personal number, TIN tax number), the country and a hyphen before the number, e.g. ${PERSONAL_EXAMPLE} or PASSK-P3000180.`,
    );
  const caseProblem = checkCase(value, parsed, EN_NATURAL);
  if (caseProblem) return caseProblem;
  if (parsed.type === "TAX") return problem(EN_NATURAL, "TAX is no longer valid, use TIN (same number).");
  if (!parsed.nationalScheme && !(NATURAL_TYPES as readonly string[]).includes(parsed.type))
    return problem(
      EN_NATURAL,
      `"${parsed.type}" is not a type of personal identifier: use PAS, IDC, PNO or TIN, e.g. ${PERSONAL_EXAMPLE}.`,
    );
  if (!isCountryCode(parsed.country))
    return problem(EN_NATURAL, `"${parsed.country}" is not a country code, e.g. ${PERSONAL_EXAMPLE}.`);
  return checkReference(parsed, EN_NATURAL, PERSONAL_EXAMPLE);
}
