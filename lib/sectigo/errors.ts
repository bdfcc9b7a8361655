import { ORDER_ERRORS } from "./errors-rows-order";
import { REQUEST_ERRORS } from "./errors-rows-request";
import { DUPLICATE_FON_ENTRY, SEMANTIC_ERRORS } from "./errors-rows-semantic";
import type { CatalogueEntry, ErrorClass } from "./errors-types";
import { isFieldKey, keyForWire, PARAMS, type FieldKey, type ParamDef } from "./registry";
import { checkFormat } from "./validators";

export type { CatalogueEntry, ErrorClass } from "./errors-types";
export { DUPLICATE_FON_ENTRY } from "./errors-rows-semantic";

/** All 51 rows of spec §5, in Sectigo's order. */
export const ERROR_CATALOGUE: readonly CatalogueEntry[] = [
  ...REQUEST_ERRORS,
  ...ORDER_ERRORS,
  ...SEMANTIC_ERRORS,
];

export interface ClassifiedError {
  code: number;
  /** Sectigo's errorMessage, verbatim. */
  message: string;
  /** The catalogue row, or null for an error we do not know. */
  entry: CatalogueEntry | null;
  class: ErrorClass;
  /** Plain language for the customer. */
  explanation: string;
  /** The order field the error points to, if any. */
  field: FieldKey | null;
  /** The parameter name quoted in the message, as Sectigo wrote it. */
  wireName?: string;
}

export interface ClassifyOptions {
  /** The parameters that were sent, to find which field a value-quoting error (-7, e-mail) means. */
  sentParams?: Readonly<Record<string, string>>;
  /** Codes to treat as "external order number already used" once Sectigo confirms them. */
  duplicateFonCodes?: readonly number[];
}

const BY_CODE = new Map<number, CatalogueEntry>();
for (const entry of ERROR_CATALOGUE) {
  // Only recovered numbers (grade A/B) are trusted; grade-C rows are matched by message.
  if (entry.code !== null && entry.codeGrade !== "C") BY_CODE.set(entry.code, entry);
}

export function catalogueEntryForCode(code: number): CatalogueEntry | undefined {
  return BY_CODE.get(code);
}

export function catalogueEntryForRow(row: number): CatalogueEntry | undefined {
  return row === 0 ? DUPLICATE_FON_ENTRY : ERROR_CATALOGUE.find((e) => e.row === row);
}

const UNKNOWN_EXPLANATION =
  "The certificate authority refused the order with a message we do not know yet. Our team has been notified and will look into it.";

function quoted(message: string): string | undefined {
  return /'([^']+)'/.exec(message)?.[1];
}

/** The sent parameter whose value fails a format check, e.g. the country in "'XX' is not …". */
function fieldByValue(
  sent: Readonly<Record<string, string>>,
  matches: (def: ParamDef, value: string) => boolean,
): FieldKey | null {
  for (const [wire, value] of Object.entries(sent)) {
    const key = keyForWire(wire);
    if (key && isFieldKey(key) && matches(PARAMS[key], value)) return key;
  }
  return null;
}

function resolveField(entry: CatalogueEntry, message: string, sent?: Readonly<Record<string, string>>) {
  const name = quoted(message);
  if (entry.fieldFromMessage) {
    const key = name ? keyForWire(name) : undefined;
    return {
      wireName: name,
      field: key && isFieldKey(key) ? key : null,
      customerField: !key || isFieldKey(key),
    };
  }
  if (entry.row === 7 && sent && name) {
    const field = fieldByValue(sent, (def, value) => def.format === "country" && value === name);
    return { wireName: undefined, field: field ?? entry.field, customerField: true };
  }
  if (entry.row === 26 && sent) {
    const isBadEmail = (def: ParamDef, value: string) =>
      (def.format === "email" || def.format === "email-or-none") && checkFormat(def.format, value) !== null;
    return { wireName: undefined, field: fieldByValue(sent, isBadEmail), customerField: true };
  }
  return { wireName: undefined, field: entry.field, customerField: true };
}

function explain(entry: CatalogueEntry, field: FieldKey | null): string {
  const label = field ? `“${(PARAMS[field] as ParamDef).label}”` : "One of the details";
  return entry.explanation.replace("{field}", label);
}

/**
 * Classifies an error answer of !AutoApplyOrder. Recovered numbers map directly; for the rest
 * only the message is trusted (spec §5: never branch on a grade-C number). Unknown errors keep
 * Sectigo's message and go to review.
 */
export function classifySectigoError(
  code: number,
  message: string,
  opts: ClassifyOptions = {},
): ClassifiedError {
  const duplicate =
    (opts.duplicateFonCodes ?? []).includes(code) || (DUPLICATE_FON_ENTRY.pattern?.test(message) ?? false);
  const entry = duplicate
    ? DUPLICATE_FON_ENTRY
    : (BY_CODE.get(code) ?? ERROR_CATALOGUE.find((e) => e.pattern?.test(message)) ?? null);

  if (!entry) {
    return {
      code,
      message,
      entry: null,
      class: "needs-review",
      explanation: UNKNOWN_EXPLANATION,
      field: null,
    };
  }
  const { wireName, field, customerField } = resolveField(entry, message, opts.sentParams);
  // A missing or refused parameter that the client itself supplies is our bug, not the customer's.
  const errorClass: ErrorClass = customerField ? entry.class : "needs-review";
  return {
    code,
    message,
    entry,
    class: errorClass,
    explanation: errorClass === entry.class ? explain(entry, field) : UNKNOWN_EXPLANATION,
    field,
    ...(wireName ? { wireName } : {}),
  };
}
