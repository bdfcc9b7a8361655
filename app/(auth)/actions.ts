"use server";

import { invitationReturnPath } from "@/lib/organizations/invitation-return";
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { clientAddress } from "@/lib/auth/address";
import { safeDestination } from "@/lib/auth/destination";
import { consumeSignUp } from "@/lib/auth/throttle";
import { secondFactorPath, signInContinuesAtSecondFactor } from "@/lib/auth/two-factor/next-step";
import { invalid, unstorableInput, type ActionState } from "@/lib/actions";
import { logger } from "@/lib/log";
import { registerCustomer, SIGN_UP_NOTICE } from "@/lib/users/register";
import { signInSchema, signUpSchema } from "@/lib/users/schemas";
import { waitWords } from "@/lib/text";

function throttledMessage(code: string): string | null {
  if (!code.startsWith("throttled:")) return null;
  const seconds = Math.max(1, Number(code.slice("throttled:".length)) || 1);
  // Only this browser's network is slowed down; the account is not locked.
  return `Too many failed sign-in attempts from your network. For your security, wait ${waitWords(seconds)} and try again.`;
}

// Anonymous by design: signing in and signing up are the two actions without a user guard.
export async function signInAction(_previous: ActionState | undefined, raw: unknown): Promise<ActionState> {
  const input = (raw ?? {}) as Record<string, unknown>;
  const unstorable = unstorableInput(raw);
  if (unstorable) return unstorable;
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const destination = safeDestination(input.callbackUrl);
  if (destination.changed) logger.info({ to: destination.path }, "sign-in destination made safe");
  // Staff (and anyone with a second factor) continue at /two-factor, which keeps the destination.
  const secondStep = await signInContinuesAtSecondFactor(parsed.data.email);
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: secondStep ? secondFactorPath(destination.path) : destination.path,
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const message = throttledMessage(error.code) ?? "The e-mail address or password is not correct.";
      return { ok: false, message, fieldErrors: {} };
    }
    if (error instanceof AuthError) {
      return { ok: false, message: "Sign-in is not possible right now. Please try again.", fieldErrors: {} };
    }
    throw error; // the redirect that completes a successful sign-in
  }
  return { ok: true };
}

export async function signUpAction(_previous: ActionState | undefined, raw: unknown): Promise<ActionState> {
  const unstorable = unstorableInput(raw);
  if (unstorable) return unstorable;
  const parsed = await signUpSchema.safeParseAsync(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { name, email, password } = parsed.data;
  const wait = await consumeSignUp(clientAddress(await headers()));
  if (wait > 0) {
    const minutes = Math.max(1, Math.ceil(wait / 60));
    return {
      ok: false,
      message: `Too many accounts were created from your network. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      fieldErrors: {},
    };
  }
  // The same answer, after the same work, whether or not the address already has an account:
  // sign-up must not tell who is a customer here. So it never signs in either (a session cookie
  // would tell); the owner of an existing account is told by e-mail once the portal sends e-mail.
  // From an invitation, the confirmation mail's link leads back to it (only to an invitation page).
  const returnTo = invitationReturnPath((raw as { next?: unknown } | null)?.next);
  await registerCustomer({ name, email, password, returnTo });
  return { ok: true, message: SIGN_UP_NOTICE };
}
