import { catalogueEntryForCode, catalogueEntryForRow } from "@/lib/sectigo/errors";
import type { ValueProblem } from "@/lib/sectigo/validators";

/** One error answer of the sandbox CA. */
export interface SandboxError {
  code: number;
  message: string;
}

// Every code and message comes from the error catalogue; the sandbox only fills in the name.
function fill(template: string, name?: string): string {
  return name === undefined ? template : template.replace(/'x+'/, `'${name}'`);
}

/** The answer for a catalogue row with a recovered number (e.g. -3), naming the parameter. */
export function byCode(code: number, name?: string): SandboxError {
  const entry = catalogueEntryForCode(code);
  if (!entry) throw new Error(`No catalogue row with code ${code}`);
  return { code, message: fill(entry.sandboxMessage ?? entry.message ?? entry.description, name) };
}

/** The answer for a row without a recovered number, using the sandbox's own number. */
export function byRow(row: number, name?: string, codeOverride?: number): SandboxError {
  const entry = catalogueEntryForRow(row);
  const code = codeOverride ?? entry?.code ?? entry?.sandboxCode;
  if (!entry || code === undefined || code === null) throw new Error(`No sandbox answer for row ${row}`);
  return { code, message: fill(entry.sandboxMessage ?? entry.message ?? entry.description, name) };
}

export const ROW = {
  email: 26,
  psd2Roles: 44,
  identifierTax: 45,
  identifierFormat: 46,
  identifierCountry: 47,
  notForProduct: 50,
  requestTokenUsed: 23,
  duplicateFon: 0,
} as const;

/** How Sectigo answers a value that fails its row's check. */
export function forValueProblem(problem: ValueProblem, wire: string, value: string): SandboxError {
  switch (problem.kind) {
    case "country":
      return byCode(-7, value);
    case "email":
      return byRow(ROW.email);
    case "identifier-tax":
      return byRow(ROW.identifierTax);
    case "identifier-format":
      return byRow(ROW.identifierFormat);
    case "identifier-country":
      return byRow(ROW.identifierCountry);
    default:
      return byCode(-4, wire);
  }
}
