import type { Prisma } from "@/lib/generated/prisma/client";
import { PARAMS, type ParamDef } from "@/lib/sectigo/registry";

// An order's stored input as staff read it: each field under its label from the registry, and
// each coded value in words (a product's name, an offer's label, yes / no for a flag), with the
// code kept beside the words where staff may need it for Sectigo. Browser-safe.

export interface InputRow {
  key: string;
  label: string;
  value: string;
}

function valueWords(def: ParamDef | undefined, raw: unknown): string {
  if (def?.kind === "flag" && typeof raw === "boolean") return raw ? "yes" : "no";
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  const known = def?.values?.find((v) => v.value === text);
  return known ? `${known.label} (${text})` : text;
}

/** The input's non-empty fields, labelled, in the order they were stored. */
export function inputEntriesInWords(input: Prisma.JsonValue | undefined): InputRow[] {
  if (!input || typeof input !== "object" || Array.isArray(input)) return [];
  return Object.entries(input).flatMap(([key, raw]) => {
    if (raw === "" || raw === null || raw === undefined) return [];
    const def = (PARAMS as Record<string, ParamDef>)[key];
    return [{ key, label: def?.label ?? key, value: valueWords(def, raw) }];
  });
}
