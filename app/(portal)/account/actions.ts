"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { guardedAction } from "@/lib/actions";
import { signOut } from "@/lib/auth";
import { clientAddress } from "@/lib/auth/address";
import { getCurrentSession } from "@/lib/auth/guards";
import { endAllSessionsOfUser, endSessionOfUser } from "@/lib/auth/sessions";
import { changePassword } from "@/lib/users/change-password";
import { requestEmailChange } from "@/lib/users/email-change";
import { resendVerificationFor } from "@/lib/users/verification";
import { changeEmailSchema, changePasswordSchema } from "@/lib/users/schemas";

/** Ends one of the caller's own sessions; a session of anyone else is refused like an ended one. */
export const endSessionAction = guardedAction(
  { schema: z.object({ sessionId: z.string().min(1).max(100) }) },
  async (user, { sessionId }) => {
    if (!(await endSessionOfUser(user, sessionId))) {
      return { ok: false, message: "This session has already ended or is not yours.", fieldErrors: {} };
    }
    revalidatePath("/account");
    return { ok: true, message: "That session is signed out." };
  },
);

/** Ends every session of the caller, this browser's included, and goes to the sign-in page. */
export const signOutEverywhereAction = guardedAction({ schema: z.object({}) }, async (user) => {
  await endAllSessionsOfUser(user);
  await signOut({ redirectTo: "/sign-in" });
  return { ok: true };
});

/** Changes the caller's password (the current one proves it is them); other sessions end. */
export const changePasswordAction = guardedAction(
  { schema: (user) => changePasswordSchema(user) },
  async (user, input) => {
    const session = await getCurrentSession();
    if (!session) return { ok: false, message: "Your session has ended. Sign in again.", fieldErrors: {} };
    const { endedSessions } = await changePassword(user, input, {
      sessionId: session.sessionId,
      address: clientAddress(await headers()),
    });
    revalidatePath("/account");
    const others = endedSessions
      ? ` ${endedSessions} other session${endedSessions === 1 ? " was" : "s were"} signed out.`
      : "";
    return { ok: true, message: `Your password was changed.${others}` };
  },
);

/** Mails the signed-in customer a new link to confirm their address (throttled). */
export const resendVerificationAction = guardedAction({ schema: z.object({}) }, async (user) => {
  const wait = await resendVerificationFor(user, clientAddress(await headers()));
  if (wait > 0) {
    const minutes = Math.max(1, Math.ceil(wait / 60));
    return {
      ok: false,
      message: `A link was sent several times already. Check your inbox and spam folder, or try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      fieldErrors: {},
    };
  }
  return { ok: true, message: `We have sent a new link to ${user.email}. Earlier links no longer work.` };
});

/**
 * Starts an e-mail change: a confirmation link goes to the new address, a notice later to the old.
 * The answer is the same when the new address has an account (its owner is told instead), so
 * it says so for every address rather than claim a link went out.
 */
export const changeEmailAction = guardedAction({ schema: changeEmailSchema }, async (user, input) => {
  await requestEmailChange(
    user,
    { newEmail: input.newEmail, currentPassword: input.emailChangePassword },
    clientAddress(await headers()),
  );
  return {
    ok: true,
    message: `We have sent a link to ${input.newEmail}, unless that address already belongs to an account. Your address changes when you open the link; until then you keep using ${user.email}.`,
  };
});
