"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { clientAddress } from "@/lib/auth/address";
import { consumeSignUp } from "@/lib/auth/throttle";
import { invalid, unstorableInput, type ActionState } from "@/lib/actions";
import { createUser, EmailTakenError } from "@/lib/users/data";
import { signInSchema, signUpSchema } from "@/lib/users/schemas";

/** Only same-site paths are accepted as the post-sign-in destination (no open redirect). */
function safeDestination(value: unknown): string {
  // "//host" and "/\host" are other sites to a browser; control characters are never a path.
  return typeof value === "string" && /^\/(?![/\\])[^\\\u0000-\u001f]*$/.test(value) ? value : "/orders";
}

function throttledMessage(code: string): string | null {
  if (!code.startsWith("throttled:")) return null;
  const minutes = Math.max(1, Math.ceil(Number(code.slice("throttled:".length)) / 60));
  return `Too many failed sign-in attempts. For your security, wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
}

// Anonymous by design: signing in and signing up are the two actions without a user guard.
export async function signInAction(_previous: ActionState | undefined, raw: unknown): Promise<ActionState> {
  const input = (raw ?? {}) as Record<string, unknown>;
  const unstorable = unstorableInput(raw);
  if (unstorable) return unstorable;
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeDestination(input.callbackUrl),
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
  const parsed = signUpSchema.safeParse(raw);
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
  try {
    // Self-registration only ever creates customers; support and admin accounts come from an admin.
    await createUser({ name, email, password, role: "CUSTOMER" });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return { ok: false, message: error.message, fieldErrors: { email: [error.message] } };
    }
    throw error;
  }
  try {
    await signIn("credentials", { email, password, redirectTo: "/orders" });
  } catch (error) {
    if (error instanceof AuthError) {
      return { ok: true, message: "Your account was created. Please sign in." };
    }
    throw error;
  }
  return { ok: true };
}
