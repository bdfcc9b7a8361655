import type { FieldErrors } from "@/lib/field-errors";

// The one error type for expected failures: a refusal the user is told about in words (bad
// input, a missing or foreign record, a lost race, a state that does not allow the operation).
// Domain code throws it; the action wrapper (lib/actions.ts) turns it into the form's answer, so
// no actions file maps errors of its own. Anything else is unexpected: logged, answered generically.

export type RefusalCode =
  /** The input fails its schema or a rule; fieldErrors says where. */
  | "invalid"
  /** No such record, or one the caller may not see (the same answer, so ids cannot be probed). */
  | "not_found"
  /** Someone else changed it since the caller read it (a version or a claim was lost). */
  | "conflict"
  /** It exists and is current, but its state does not allow this operation. */
  | "not_allowed"
  /** The caller's role does not allow this. */
  | "forbidden"
  /** The caller must confirm their e-mail address first (the form offers the link again). */
  | "email_unverified";

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "Refusal";
  }
}

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal;
}
