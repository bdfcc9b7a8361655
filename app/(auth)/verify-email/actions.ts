"use server";

import { after } from "next/server";
import { headers } from "next/headers";
import { invalid, unstorableInput, type ActionState } from "@/lib/actions";
import { clientAddress } from "@/lib/auth/address";
import { getCurrentUser } from "@/lib/auth/guards";
import { emailOnlySchema } from "@/lib/users/schemas";
import {
  claimResend,
  confirmEmailVerification,
  RESEND_NOTICE,
  resendThrottledNotice,
  sendVerificationTo,
  verifyLinkRefusal,
} from "@/lib/users/verification";

/** Confirms the address the link was sent to: anonymous, the token is the proof. */
export async function verifyEmailAction(
  _previous: ActionState | undefined,
  raw: unknown,
): Promise<ActionState> {
  // The page's button posts a form; scripted clients (the soak) send { token }.
  const token = raw instanceof FormData ? raw.get("token") : (raw as { token?: unknown } | null)?.token;
  const outcome = await confirmEmailVerification(token, await getCurrentUser());
  if (outcome === "verified") {
    return { ok: true, message: "Thank you: your e-mail address is confirmed. You can now send orders." };
  }
  if (outcome === "other_account") {
    return {
      ok: false,
      message:
        "This link is for another account than the one signed in in this browser. Sign out first, then open the link again.",
      fieldErrors: {},
    };
  }
  return { ok: false, message: verifyLinkRefusal(token), fieldErrors: {} };
}

/** "Send the link again" without signing in: the same answer for every address, work done after it. */
export async function resendVerificationAction(
  _previous: ActionState | undefined,
  raw: unknown,
): Promise<ActionState> {
  const unstorable = unstorableInput(raw);
  if (unstorable) return unstorable;
  const parsed = await emailOnlySchema.safeParseAsync(
    raw instanceof FormData ? Object.fromEntries(raw) : raw,
  );
  if (!parsed.success) return invalid(parsed.error);
  // The throttle is counted for every address alike, so its answer may be shown; whether an
  // account is there is looked up only after the answer went out.
  const wait = await claimResend(parsed.data.email, clientAddress(await headers()));
  if (wait > 0) return { ok: false, message: resendThrottledNotice(wait), fieldErrors: {} };
  after(() => sendVerificationTo(parsed.data.email));
  return { ok: true, message: RESEND_NOTICE };
}
