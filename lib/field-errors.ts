import type { z } from "zod";

// Field errors as every form answer carries them. Kept apart from lib/actions (which imports the
// request guards) so that domain code can use them outside a request, e.g. in scripts.

export type FieldErrors = Record<string, string[]>;

/** All issues of a failed parse, grouped by field (never only the first). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
