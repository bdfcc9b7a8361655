"use server";

import { guardedAction } from "@/lib/actions";
import { preferencesInputSchema, updateMyMailPreferences } from "@/lib/mail/preferences";

/** Saves the signed-in user's own mail preferences. */
export const saveMyMailPreferencesAction = guardedAction(
  { schema: preferencesInputSchema },
  async (user, input) => {
    await updateMyMailPreferences(user, input);
    return { ok: true, message: "Your e-mail choices are saved." };
  },
);
