"use server";

import type { ActionState } from "@/lib/actions";
import { getCurrentUser } from "@/lib/auth/guards";
import { confirmEmailChange } from "@/lib/users/email-change";

const REFUSED = {
  invalid:
    "This link does not work any more: it was used, it expired, or a newer one was sent. Your e-mail address is unchanged; ask for the change again on your account page.",
  other_account:
    "This link is for another account than the one signed in in this browser. Sign out first, then open the link again.",
  taken:
    "Another account uses this e-mail address now, so yours was not changed. Choose another address on your account page.",
} as const;

/** Makes the new address the account's: anonymous, the token (sent to that address) is the proof. */
export async function confirmEmailAction(
  _previous: ActionState | undefined,
  form: FormData,
): Promise<ActionState> {
  const outcome = await confirmEmailChange(form.get("token"), await getCurrentUser());
  if (!outcome.ok) return { ok: false, message: REFUSED[outcome.reason], fieldErrors: {} };
  return {
    ok: true,
    message: `Your e-mail address is now ${outcome.newEmail}. Sign in with it from now on; we told your old address about the change.`,
  };
}
