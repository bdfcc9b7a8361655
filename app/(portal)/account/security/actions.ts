"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { sessionAction, guardedAction, type ActionState } from "@/lib/actions";
import { removePasskey, removeTotp, renewRecoveryCodes } from "@/lib/auth/two-factor/manage";
import {
  finishPasskeyRegistration,
  passkeyRegistrationOptions,
} from "@/lib/auth/two-factor/passkey-registration";
import {
  codeSchema,
  passkeyNameSchema,
  passwordSchema,
  webauthnResponseSchema,
} from "@/lib/auth/two-factor/schemas";
import { confirmTotpEnrolment } from "@/lib/auth/two-factor/totp-factor";
import { assertCurrentPassword } from "@/lib/auth/two-factor/verify";

// Changes to the caller's own second factors; each asks for the current password first.
type Codes = ActionState<{ codes: string[] }>;
const PAGE = "/account/security";

export const addTotpAction = sessionAction(
  { schema: codeSchema.extend(passwordSchema.shape) },
  async ({ user, sessionId }, { code, password }): Promise<Codes> => {
    await assertCurrentPassword(user, password);
    const codes = await confirmTotpEnrolment(user, sessionId, code);
    // No revalidatePath here: re-rendering the page would swap the set-up form (and the recovery
    // codes it is about to show, once only) for the "on" branch. The codes' "continue" link reloads.
    return { ok: true, message: "Your authenticator app is set up.", data: { codes } };
  },
);

export const addPasskeyOptionsAction = sessionAction(
  { schema: passwordSchema.extend({ name: passkeyNameSchema }) },
  async (session, { password }) => {
    await assertCurrentPassword(session.user, password);
    return { ok: true, data: await passkeyRegistrationOptions(session) };
  },
);

export const addPasskeyAction = sessionAction(
  { schema: z.object({ name: passkeyNameSchema, response: webauthnResponseSchema }) },
  async (session, { name, response }): Promise<Codes> => {
    const codes = await finishPasskeyRegistration(session, name, response as RegistrationResponseJSON);
    revalidatePath(PAGE);
    return { ok: true, message: `The passkey “${name}” was added.`, data: { codes } };
  },
);

export const removeTotpAction = guardedAction(
  { schema: passwordSchema },
  async (user, { password }): Promise<Codes> => {
    await removeTotp(user, password);
    revalidatePath(PAGE);
    return { ok: true, message: "The authenticator app was removed." };
  },
);

export const removePasskeyAction = guardedAction(
  { schema: passwordSchema.extend({ passkeyId: z.string().min(1).max(1000) }) },
  async (user, { password, passkeyId }): Promise<Codes> => {
    await removePasskey(user, passkeyId, password);
    revalidatePath(PAGE);
    return { ok: true, message: "The passkey was removed." };
  },
);

export const renewRecoveryCodesAction = guardedAction(
  { schema: passwordSchema },
  async (user, { password }): Promise<Codes> => {
    const codes = await renewRecoveryCodes(user, password);
    revalidatePath(PAGE);
    return { ok: true, data: { codes } };
  },
);
