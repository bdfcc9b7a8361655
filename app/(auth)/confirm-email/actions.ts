"use server";

import type { ActionState } from "@/lib/actions";
import { getCurrentUser } from "@/lib/auth/guards";
import { confirmEmailChange, emailChangeLink } from "@/lib/users/email-change";
import { deadLinkMessage } from "./messages";

const REFUSED = {
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
  if (!outcome.ok) {
    // A dead link says why (used, expired, cut short): a used one did change the address.
    const message =
      outcome.reason === "invalid"
        ? deadLinkMessage(await emailChangeLink(form.get("token")))
        : REFUSED[outcome.reason];
    return { ok: false, message, fieldErrors: {} };
  }
  return {
    ok: true,
    message: `Your e-mail address is now ${outcome.newEmail}. Sign in with it from now on; we told your old address about the change.`,
  };
}
