import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getCurrentSession, requireRole, requireSignInStep, requireUser } from "@/lib/auth/guards";
import type { Role } from "@/lib/generated/prisma/enums";
import type { SessionUser } from "@/lib/users/data";
import type { SecondFactorState } from "@/lib/auth/two-factor/state";
import { findUnstorableText, UNSTORABLE_MESSAGE } from "@/lib/text";
import { fieldErrorsOf, type FieldErrors } from "@/lib/field-errors";
import { isRefusal, type RefusalCode } from "@/lib/refusal";
import { logger } from "@/lib/log";

export { fieldErrorsOf, type FieldErrors };

/** The one shape every form action returns. */
export type ActionState<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; message: string; fieldErrors: FieldErrors; code?: RefusalCode };

/**
 * Text the database could not store (a NUL byte, broken Unicode) anywhere in an action's input,
 * as the action's answer; null when there is none. Every action checks this before its schema.
 */
export function unstorableInput(raw: unknown): ActionState<never> | null {
  const at = findUnstorableText(raw);
  if (at === null) return null;
  return { ok: false, message: `${UNSTORABLE_MESSAGE}.`, fieldErrors: { [at]: [UNSTORABLE_MESSAGE] } };
}

export function invalid(
  error: z.ZodError,
  message = "Please correct the highlighted fields.",
): ActionState<never> {
  return { ok: false, message, fieldErrors: fieldErrorsOf(error) };
}

interface ActionOptions<S extends z.ZodType> {
  /** The input's schema, or a function making it for the caller (e.g. a policy needing their name). */
  schema: S | ((user: SessionUser) => S);
  /**
   * Answer an unexpected error with this message (after logging its kind) instead of the error
   * page: for forms whose user must stay on the page and reload its state, e.g. support's.
   */
  unexpected?: string;
}

/**
 * Builds a server action that checks who is calling before anything else, then parses its
 * input with the given schema. A server action is reachable by a plain POST, so the guard
 * here is the real one; hiding a button is not. The guard also refuses a session that has not
 * passed its second factor (lib/auth/guards.ts), staff without one included.
 */
export function guardedAction<S extends z.ZodType, T = undefined>(
  options: ActionOptions<S> & { roles?: readonly Role[] },
  handler: (user: SessionUser, input: z.output<S>) => Promise<ActionState<T>>,
) {
  const guard = () => (options.roles ? requireRole(...options.roles) : requireUser());
  return wrap(options, guard, (user) => user, handler);
}

type SessionOf = { user: SessionUser; sessionId: string; secondFactor: SecondFactorState };

/**
 * An action that needs the caller's session as well as their user (second factors are kept per
 * session). `step: true` admits a session still between password and second factor: only the
 * /two-factor page's actions may say so.
 */
export function sessionAction<S extends z.ZodType, T = undefined>(
  options: ActionOptions<S> & { step?: boolean },
  handler: (session: SessionOf, input: z.output<S>) => Promise<ActionState<T>>,
) {
  const guard = async (): Promise<SessionOf> => {
    if (options.step) return requireSignInStep();
    await requireUser();
    const session = await getCurrentSession();
    if (!session) throw new Error("A checked session disappeared within one request.");
    return { ...session, secondFactor: "done" };
  };
  return wrap(options, guard, (session) => session.user, handler);
}

function wrap<S extends z.ZodType, T, C>(
  options: ActionOptions<S>,
  guard: () => Promise<C>,
  userOf: (caller: C) => SessionUser,
  handler: (caller: C, input: z.output<S>) => Promise<ActionState<T>>,
) {
  return async (_previous: ActionState<T> | undefined, raw: unknown): Promise<ActionState<T>> => {
    const caller = await guard();
    const unstorable = unstorableInput(raw);
    if (unstorable) return unstorable;
    const schema: S =
      typeof options.schema === "function"
        ? (options.schema as (user: SessionUser) => S)(userOf(caller))
        : (options.schema as S);
    const parsed = await schema.safeParseAsync(raw instanceof FormData ? Object.fromEntries(raw) : raw);
    if (!parsed.success) return invalid(parsed.error);
    try {
      return await handler(caller, parsed.data);
    } catch (error) {
      // An expected refusal becomes the form's answer; anything else propagates (error boundary)
      // unless the action answers unexpected errors in words. Next's redirects always propagate.
      unstable_rethrow(error);
      if (isRefusal(error))
        return { ok: false, message: error.message, fieldErrors: error.fieldErrors, code: error.code };
      if (options.unexpected === undefined) throw error;
      logger.error(
        { err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
        "action failed unexpectedly",
      );
      return { ok: false, message: options.unexpected, fieldErrors: {} };
    }
  };
}
