import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { markSecondFactorPassed } from "@/lib/auth/sessions";
import { clearSecondFactorFailures } from "@/lib/auth/throttle";
import { storeChallenge, takeChallenge } from "@/lib/auth/two-factor/challenge";
import { recoveryCodesForNewFactor } from "@/lib/auth/two-factor/recovery";
import { relyingParty, RP_NAME } from "@/lib/auth/two-factor/relying-party";
import { assertSecondFactorAllowed, refuseSecondFactor } from "@/lib/auth/two-factor/verify";
import { logger } from "@/lib/log";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";

interface SignInStep {
  user: SessionUser;
  sessionId: string;
}
const transportsOf = (stored: string[]) => stored as AuthenticatorTransportFuture[];
const EXPIRED = "The passkey request has expired. Try again.";

/** Options for the browser to create a new passkey; its challenge is kept on the session. */
export async function passkeyRegistrationOptions({
  user,
  sessionId,
}: SignInStep): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const prisma = await db();
  const existing = await prisma.passkey.findMany({
    where: { userId: user.id },
    select: { id: true, transports: true },
  });
  const { rpID } = await relyingParty();
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(sessionId, "register", options.challenge);
  return options;
}

/** Stores the new passkey; the session counts as having passed its second factor. */
export async function finishPasskeyRegistration(
  { user, sessionId }: SignInStep,
  name: string,
  response: RegistrationResponseJSON,
): Promise<string[]> {
  const expectedChallenge = await takeChallenge(sessionId, "register");
  if (!expectedChallenge) throw new Refusal("conflict", EXPIRED);
  const { rpID, origin } = await relyingParty();
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch((error: unknown) => {
    logger.info({ userId: user.id, err: (error as Error).message }, "passkey registration refused");
    return null;
  });
  if (!result?.verified) throw new Refusal("invalid", "The passkey could not be checked. Try again.");
  const { credential } = result.registrationInfo;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await tx.passkey.create({
      data: {
        id: credential.id,
        userId: user.id,
        name,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
      },
    });
    await tx.userSession.updateMany({
      where: { id: sessionId, userId: user.id },
      data: { secondFactorAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.second_factor_added",
      targetUserId: user.id,
      details: { method: "passkey", name },
    });
    return recoveryCodesForNewFactor(tx, user.id);
  });
}

/** Options for signing in with one of the user's passkeys, or null when they have none. */
export async function passkeySignInOptions({
  user,
  sessionId,
}: SignInStep): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const prisma = await db();
  const passkeys = await prisma.passkey.findMany({
    where: { userId: user.id },
    select: { id: true, transports: true },
  });
  if (!passkeys.length) return null;
  const { rpID } = await relyingParty();
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    userVerification: "preferred",
  });
  await storeChallenge(sessionId, "authenticate", options.challenge);
  return options;
}

/** Completes sign-in with a passkey of the user's own. */
export async function passSecondFactorWithPasskey(
  { user, sessionId }: SignInStep,
  response: AuthenticationResponseJSON,
): Promise<void> {
  await assertSecondFactorAllowed(user.id);
  const expectedChallenge = await takeChallenge(sessionId, "authenticate");
  if (!expectedChallenge) throw new Refusal("conflict", EXPIRED);
  const prisma = await db();
  const passkey = await prisma.passkey.findFirst({ where: { id: response.id, userId: user.id } });
  if (!passkey) return refuseSecondFactor(user.id, "passkey", "This passkey is not one of your account's.");
  const { rpID, origin } = await relyingParty();
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: {
      id: passkey.id,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: transportsOf(passkey.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!result?.verified) return refuseSecondFactor(user.id, "passkey", "The passkey could not be checked.");
  await prisma.passkey.update({
    where: { id: passkey.id },
    data: { counter: BigInt(result.authenticationInfo.newCounter), lastUsedAt: new Date() },
  });
  await clearSecondFactorFailures(user.id);
  await markSecondFactorPassed(sessionId);
  logger.info({ userId: user.id, method: "passkey" }, "second factor passed");
}
