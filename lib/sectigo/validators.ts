import { isCountryCode } from "./countries";
import type { ParamDef, ParamFormat } from "./param-types";
import { UNSTORABLE } from "@/lib/text";

// Value checks shared by the order schema (browser and server) and the sandbox CA, so both
// apply the same rule; each maps a problem to its own vocabulary (a form message, an error code).

export type ValueProblem =
  | { kind: "type"; message: string }
  | { kind: "length"; message: string }
  | { kind: "value"; message: string }
  | { kind: "format"; message: string }
  | { kind: "country"; message: string }
  | { kind: "email"; message: string }
  | { kind: "identifier-tax"; message: string }
  | { kind: "identifier-format"; message: string }
  | { kind: "identifier-country"; message: string };

const EMAIL = /^[^\s@"<>()[\],;:\\]+@[^\s@"<>()[\],;:\\]+\.[^\s@"<>()[\],;:\\]{2,}$/;
const HOSTNAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LANGUAGE = /^[a-z]{2}$/;
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;
const DUNS = /^(?:\d{9}|\d{2}-\d{3}-\d{4})$/;
const TELEPHONE = /^\+?[0-9][0-9 ()./-]{3,31}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// ETSI EN 319 412-1 semantics identifier for natural persons: type, country, hyphen, value.
const PERSONAL_IDENTIFIER = /^(PAS|IDC|PNO|TIN)([A-Z]{2})-.+$/;
const NCA_ID = /^([A-Z]{2})-[A-Z]{2,8}$/;
// Control characters never belong in a form value; Sectigo's handling of them is unknown.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** "TAX" is refused (use TIN), a bad country part and any other shape get their own answer. */
export function checkPersonalIdentifier(value: string): ValueProblem | null {
  if (/^TAX[A-Z]{2}-/.test(value)) {
    return { kind: "identifier-tax", message: "TAX is no longer valid, use TIN" };
  }
  const match = PERSONAL_IDENTIFIER.exec(value);
  if (!match) {
    return {
      kind: "identifier-format",
      message: "Use type, country and number, e.g. PNODE-1234567890 (types PAS, IDC, PNO, TIN)",
    };
  }
  if (!isCountryCode(match[2] ?? "")) {
    return { kind: "identifier-country", message: `"${match[2]}" in the identifier is not a country code` };
  }
  return null;
}

/** Today as YYYY-MM-DD in UTC: a date of incorporation may not be later. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function checkDate(value: string, now?: Date): ValueProblem | null {
  const match = DATE.exec(value);
  if (!match) return { kind: "format", message: "Use the format YYYY-MM-DD" };
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    return { kind: "format", message: "This date does not exist" };
  }
  if (value > todayIso(now)) return { kind: "value", message: "The date cannot be in the future" };
  return null;
}

export function isEmail(value: string): boolean {
  return value.length <= 255 && EMAIL.test(value);
}

export function isHostname(value: string): boolean {
  return HOSTNAME.test(value);
}

export function checkFormat(format: ParamFormat, value: string, now?: Date): ValueProblem | null {
  switch (format) {
    case "email":
      return isEmail(value) ? null : { kind: "email", message: "Enter a valid e-mail address" };
    case "email-or-none":
      return value === "none" || isEmail(value)
        ? null
        : { kind: "email", message: 'Enter a valid e-mail address or "none"' };
    case "country":
      return isCountryCode(value)
        ? null
        : { kind: "country", message: "Use a two-letter ISO 3166 country code, e.g. DE" };
    case "date":
      return checkDate(value, now);
    case "personal-identifier":
      return checkPersonalIdentifier(value);
    case "nca-id": {
      const match = NCA_ID.exec(value);
      return match && isCountryCode(match[1] ?? "")
        ? null
        : { kind: "format", message: "Use country, hyphen and authority code in capitals, e.g. BE-NBB" };
    }
    case "hostname":
      return isHostname(value)
        ? null
        : { kind: "format", message: `"${value}" is not a valid domain name (lower case, no wildcard)` };
    case "language":
      return LANGUAGE.test(value)
        ? null
        : { kind: "format", message: "Use a two-letter language code, e.g. en" };
    case "alphanumeric":
      return ALPHANUMERIC.test(value) ? null : { kind: "format", message: "Use letters and digits only" };
    case "duns":
      return DUNS.test(value) ? null : { kind: "format", message: "A D-U-N-S number has nine digits" };
    case "telephone":
      return TELEPHONE.test(value)
        ? null
        : { kind: "format", message: "Enter a telephone number, e.g. +49 30 1234567" };
  }
}

function checkText(def: ParamDef, value: string, now?: Date): ValueProblem | null {
  // UNSTORABLE adds unpaired UTF-16 surrogates: no character at all, and refused by jsonb.
  if (CONTROL.test(value) || UNSTORABLE.test(value)) {
    return { kind: "format", message: "Remove control characters" };
  }
  if (def.max !== undefined && value.length > def.max) {
    return { kind: "length", message: `At most ${def.max} characters` };
  }
  if (def.values && !def.values.some((v) => v.value === value)) {
    return { kind: "value", message: "Choose one of the offered values" };
  }
  return def.format ? checkFormat(def.format, value, now) : null;
}

/**
 * Checks one present value against its registry row (type, allowed values, length, format).
 * Values are in input form: booleans for flags, numbers for integers, string arrays for lists.
 */
export function checkParamValue(def: ParamDef, value: unknown, now?: Date): ValueProblem | null {
  switch (def.kind) {
    case "flag":
      return typeof value === "boolean" ? null : { kind: "type", message: "Choose yes or no" };
    case "int": {
      if (typeof value !== "number" || !Number.isSafeInteger(value)) {
        return { kind: "type", message: "Enter a whole number" };
      }
      if (def.values && !def.values.some((v) => v.value === String(value))) {
        return { kind: "value", message: "Choose one of the offered values" };
      }
      if (def.min !== undefined && value < def.min) return { kind: "value", message: `At least ${def.min}` };
      return null;
    }
    case "list": {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
        return { kind: "type", message: "Enter a list of values" };
      }
      for (const item of value as string[]) {
        const problem = checkText(def, item, now);
        if (problem) return problem;
      }
      return null;
    }
    case "text":
      return typeof value === "string" ? checkText(def, value, now) : { kind: "type", message: "Enter text" };
  }
}
