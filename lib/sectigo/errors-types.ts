import type { FieldKey } from "./registry";

// Types and wording shared by the error rows (spec §5) of !AutoApplyOrder. `code` is Sectigo's number
// where it was recovered (grade A/B); grade-C rows keep `code: null` and are recognised by
// message only, never by number. `sandboxCode` numbers are the sandbox CA's own (−9000 − row):
// deliberately unlike Sectigo's so nobody mistakes them for confirmed codes.

export type ErrorClass = "input" | "account" | "transient" | "duplicate-fon" | "needs-review";

export interface CatalogueEntry {
  row: number;
  code: number | null;
  codeGrade: "A" | "B" | "C";
  /** A likely number (rows 20, 33, 50); informational, never used to classify. */
  probableCode?: number;
  /** Sectigo's errorMessage where a source showed it; 'xxxx' stands for the parameter name. */
  message: string | null;
  /** Sectigo's description of the row. */
  description: string;
  /** For customers: what happened and what to do. `{field}` is replaced by the field's label. */
  explanation: string;
  /** The form field the error points to, where it does not come from the message. */
  field: FieldKey | null;
  /** The parameter name is quoted in the message ('xxxx'); map it back to a field. */
  fieldFromMessage?: true;
  class: ErrorClass;
  /** Recognises the row from the message text (grade-C rows, and a second net for others). */
  pattern?: RegExp;
  /** The sandbox CA's number for a row whose Sectigo number was not recovered. */
  sandboxCode?: number;
  /** The sandbox CA's message where Sectigo's is unknown or was cut off in the source. */
  sandboxMessage?: string;
}

export const FIX_CSR = "Create a new CSR and place the order again.";
export const CONTACT_US =
  "Our team has been notified and will look into it; you do not need to do anything yet.";
export const ADMIN =
  "This is a problem with our account at the certificate authority, not with your order. Our administrators have been notified.";
export const TRY_LATER =
  "The certificate authority had a temporary problem. Please try again in a few minutes.";

export type Row = Omit<CatalogueEntry, "codeGrade"> & { codeGrade?: CatalogueEntry["codeGrade"] };

export function c(row: Row): CatalogueEntry {
  return { codeGrade: row.code === null ? "C" : "A", ...row };
}

export const sandbox = (row: number, sandboxMessage: string) => ({
  sandboxCode: -9000 - row,
  sandboxMessage,
});
