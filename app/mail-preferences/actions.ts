"use server";

import { z } from "zod";
import { invalid, unstorableInput, type ActionState } from "@/lib/actions";
import { preferencesInputSchema, updateMailPreferencesByToken } from "@/lib/mail/preferences";
import { isRefusal } from "@/lib/refusal";

const schema = preferencesInputSchema.extend({ token: z.string().min(1).max(500) });

/**
 * Saves preferences through a mail's signed link, without signing in: the link's token is the
 * guard (checked in updateMailPreferencesByToken), and it reaches only its owner's mail choices.
 */
export async function saveMailPreferencesByTokenAction(
  _previous: undefined,
  raw: unknown,
): Promise<ActionState> {
  const unstorable = unstorableInput(raw);
  if (unstorable) return unstorable;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await updateMailPreferencesByToken(parsed.data.token, parsed.data);
  } catch (error) {
    if (isRefusal(error)) return { ok: false, message: error.message, fieldErrors: {} };
    throw error;
  }
  return { ok: true, message: "Your e-mail choices are saved." };
}
