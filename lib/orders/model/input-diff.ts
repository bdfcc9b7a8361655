/** A field's value before and after an edit (null where it was or became empty). */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

/**
 * The fields that differ between two order inputs, for the audit trail of an edit by support.
 * Values are compared as JSON, so arrays (domain names) count as changed only when they differ;
 * text is compared without surrounding whitespace, which validation strips anyway (a pasted CSR).
 */
export function inputChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, FieldChange> {
  const changed: Record<string, FieldChange> = {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const was = before[key] ?? null;
    const now = after[key] ?? null;
    if (JSON.stringify(comparable(was)) !== JSON.stringify(comparable(now)))
      changed[key] = { before: was, after: now };
  }
  return changed;
}

function comparable(value: unknown): unknown {
  return typeof value === "string" ? value.replace(/\r\n/g, "\n").trim() : value;
}
