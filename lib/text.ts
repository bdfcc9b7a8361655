// PostgreSQL stores neither NUL (text, jsonb) nor an unpaired UTF-16 surrogate (jsonb): a string
// holding one fails the write with a database error. Inputs are checked for them up front, so
// such text gets a field error instead of a failed request.
export const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_MESSAGE = "Remove control characters and broken Unicode";

/**
 * The dotted path of the first string (value or key) in `value` that could not be stored, "_form"
 * for the value itself, or null when there is none. Walks without recursion.
 */
export function findUnstorableText(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, ""]];
  while (pending.length) {
    const [item, path] = pending.pop()!;
    if (typeof item === "string") {
      if (UNSTORABLE.test(item)) return path || "_form";
    } else if (item instanceof FormData) {
      for (const [key, entry] of item) pending.push([key, path], [entry, key]);
    } else if (item && typeof item === "object") {
      for (const [key, entry] of Object.entries(item)) {
        const at = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return path || "_form";
        pending.push([entry, at]);
      }
    }
  }
  return null;
}

/** A wait in plain words: "1 second", "45 seconds", from 90 seconds on in whole minutes. */
export function waitWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return `${s} second${s === 1 ? "" : "s"}`;
  const minutes = Math.ceil(s / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
