import type { DecodedCsr } from "@/lib/csr";
import { decodeCsr } from "@/lib/csr";
import { rulesFor } from "@/lib/orders/model/input-rules";
import type { FieldKey } from "@/lib/sectigo/registry";

// Shared by the wizard (browser) and the submission (server), so both drop the same values.

export function csrOfInput(values: Record<string, unknown>): DecodedCsr | undefined {
  if (typeof values.csr !== "string" || !values.csr.trim()) return undefined;
  const decoded = decodeCsr(values.csr);
  return decoded.ok ? decoded.csr : undefined;
}

export { rulesFor };

/**
 * Drops values the chosen product forbids (left over from another product the customer looked
 * at), so they neither block validation nor reach Sectigo. Drafts keep them.
 */
export function withoutForbidden<T extends Record<string, unknown>>(values: T, csr = csrOfInput(values)): T {
  const rules = rulesFor(values, csr);
  if (!rules) return values;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key in rules && rules[key as FieldKey] === "forbidden") continue;
    out[key] = value;
  }
  return out as T;
}
