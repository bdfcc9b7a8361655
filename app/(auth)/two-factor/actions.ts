"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from "@simplewebauthn/server";
import { sessionAction, type ActionState } from "@/lib/actions";
import { clientAddress } from "@/lib/auth/address";
import { DEFAULT_DESTINATION, safeDestination } from "@/lib/auth/destination";
import {
  finishPasskeyRegistration,
  passkeyRegistrationOptions,
} from "@/lib/auth/two-factor/passkey-registration";
import { passkeySignInOptions, passSecondFactorWithPasskey } from "@/lib/auth/two-factor/passkey-sign-in";
import { codeSchema, passkeyNameSchema, webauthnResponseSchema } from "@/lib/auth/two-factor/schemas";
import { confirmTotpEnrolment } from "@/lib/auth/two-factor/totp-factor";
import { passSecondFactorWithCode } from "@/lib/auth/two-factor/verify";
import { Refusal } from "@/lib/refusal";

// The second step of signing in. These actions admit a session that has passed only its
// password (step: true), and each checks what that session may do now.

const done = (secondFactor: string) => {
  if (secondFactor === "done") redirect(DEFAULT_DESTINATION);
};
// Where the sign-in was going (kept by the sign-in action); only a path of the portal is followed.
const destination = z.object({ callbackUrl: z.string().max(2000).optional() });
const onwards = (callbackUrl: string | undefined): never => redirect(safeDestination(callbackUrl).path);

/** An authenticator code or a recovery code completes sign-in. */
export const verifyCodeAction = sessionAction(
  { step: true, schema: codeSchema.extend(destination.shape) },
  async (session, { code, callbackUrl }): Promise<ActionState<{ codes: string[] }>> => {
    if (session.secondFactor === "enrol") throw new Refusal("not_allowed", "Set up a second factor first.");
    done(session.secondFactor);
    await passSecondFactorWithCode(session, code, clientAddress(await headers()));
    return onwards(callbackUrl);
  },
);

/** Staff setting up their required authenticator app confirm it with a first code. */
export const confirmTotpAction = sessionAction(
  { step: true, schema: codeSchema },
  async (session, { code }): Promise<{ ok: true; data: { codes: string[] } }> => {
    if (session.secondFactor !== "enrol")
      throw new Refusal("not_allowed", "Your second factor is already set up.");
    return { ok: true, data: { codes: await confirmTotpEnrolment(session.user, session.sessionId, code) } };
  },
);

export const passkeySignInOptionsAction = sessionAction(
  { step: true, schema: z.object({}) },
  async (session) => {
    done(session.secondFactor);
    const options = await passkeySignInOptions(session);
    if (!options) throw new Refusal("not_found", "Your account has no passkey. Enter a code instead.");
    return { ok: true, data: options };
  },
);

export const passkeySignInAction = sessionAction(
  { step: true, schema: destination.extend({ response: webauthnResponseSchema }) },
  async (session, { response, callbackUrl }) => {
    done(session.secondFactor);
    await passSecondFactorWithPasskey(
      session,
      response as AuthenticationResponseJSON,
      clientAddress(await headers()),
    );
    return onwards(callbackUrl);
  },
);

/** Staff may set up a passkey instead of an app as their required second factor. */
export const passkeyEnrolOptionsAction = sessionAction(
  { step: true, schema: z.object({ name: passkeyNameSchema }) },
  async (session) => {
    if (session.secondFactor !== "enrol")
      throw new Refusal("not_allowed", "Your second factor is already set up.");
    return { ok: true, data: await passkeyRegistrationOptions(session) };
  },
);

export const passkeyEnrolAction = sessionAction(
  { step: true, schema: z.object({ name: passkeyNameSchema, response: webauthnResponseSchema }) },
  async (session, { name, response }) => {
    if (session.secondFactor !== "enrol")
      throw new Refusal("not_allowed", "Your second factor is already set up.");
    const codes = await finishPasskeyRegistration(session, name, response as RegistrationResponseJSON);
    return { ok: true, data: { codes } };
  },
);
