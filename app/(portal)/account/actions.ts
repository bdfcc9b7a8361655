"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/actions";
import { signOut } from "@/lib/auth";
import { endAllSessionsOfUser, endSessionOfUser } from "@/lib/auth/sessions";

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
