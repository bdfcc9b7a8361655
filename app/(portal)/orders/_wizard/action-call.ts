// Calls a server action so that a failure the action could not answer itself (the portal
// unreachable, or an unexpected error on the server, e.g. its database down) comes back as a
// worded answer instead of a thrown error: a thrown error inside a transition would replace
// the whole form with the error page and lose what the customer typed.

export type CallKind = "save" | "submit";

/** The answer a call gives when the action itself never answered. */
export interface CallFailure {
  ok: false;
  message: string;
  fieldErrors: Record<string, string[]>;
  /** The action did not answer: the customer may simply try again. */
  retryable: true;
}

/** Whether the error came from the server (Next.js gives server errors a digest). */
function fromServer(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && typeof (error as { digest?: unknown }).digest === "string"
  );
}

/** The customer-facing words for a failed call. */
export function failureMessage(kind: CallKind, error: unknown): string {
  const cause = fromServer(error)
    ? "the portal had a problem on its side (for example its database is not reachable)"
    : "the portal could not be reached (the connection or the server is down)";
  return kind === "save"
    ? `Your answers could not be saved: ${cause}. Nothing you typed is lost: it stays on this page and in this browser until it is saved. Try again in a moment.`
    : `The order could not be sent: ${cause}. Your answers are kept. Try again in a moment; the portal never places the same order twice at Sectigo.`;
}

/** Runs the action call; a thrown error becomes a retryable failure with a worded message. */
export async function callAction<R>(kind: CallKind, call: () => Promise<R>): Promise<R | CallFailure> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, message: failureMessage(kind, error), fieldErrors: {}, retryable: true };
  }
}

export function isCallFailure(value: unknown): value is CallFailure {
  return typeof value === "object" && value !== null && (value as { retryable?: unknown }).retryable === true;
}
