"use server";

import { invalid, unstorableInput, type ActionState } from "@/lib/actions";
import { getCurrentUser } from "@/lib/auth/guards";
import { findPasswordReset, resetLinkRefusal, resetPassword } from "@/lib/users/password-reset";
import { newPasswordSchema } from "@/lib/users/schemas";

const OTHER_ACCOUNT =
  "This link is for another account than the one signed in in this browser. Sign out first, then open the link again.";

/** Sets the new password with the link's token: anonymous, the token is the proof. */
export async function resetPasswordAction(
  _previous: ActionState | undefined,
  raw: unknown,
): Promise<ActionState> {
  const unstorable = unstorableInput(raw);
  if (unstorable) return unstorable;
  const input = (raw ?? {}) as Record<string, unknown>;
  const account = await findPasswordReset(input.token);
  if (!account)
    return { ok: false, message: resetLinkRefusal(input.token), fieldErrors: {}, code: "not_found" };
  // The account's own name and address count as guessable, as in the browser's check.
  const parsed = await newPasswordSchema(account).safeParseAsync(input);
  if (!parsed.success) return invalid(parsed.error);
  const outcome = await resetPassword(
    { token: input.token, password: parsed.data.password },
    await getCurrentUser(),
  );
  if (outcome === "invalid")
    return { ok: false, message: resetLinkRefusal(input.token), fieldErrors: {}, code: "not_found" };
  if (outcome === "other_account")
    return { ok: false, message: OTHER_ACCOUNT, fieldErrors: {}, code: "forbidden" };
  return {
    ok: true,
    message:
      "Your password was changed, and every browser that was signed in to your account is signed out. Sign in with the new password.",
  };
}
