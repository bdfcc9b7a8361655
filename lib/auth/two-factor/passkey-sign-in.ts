import "server-only";
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { markSecondFactorPassed } from "@/lib/auth/sessions";
import { storeChallenge, takeChallenge } from "@/lib/auth/two-factor/challenge";
import { CHALLENGE_EXPIRED, transportsOf, type SignInStep } from "@/lib/auth/two-factor/passkey-common";
import { relyingParty } from "@/lib/auth/two-factor/relying-party";
import { clearSecondFactorFailures } from "@/lib/auth/two-factor/throttle";
import { assertSecondFactorAllowed, refuseSecondFactor } from "@/lib/auth/two-factor/verify";
import { logger } from "@/lib/log";
import { Refusal } from "@/lib/refusal";

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

/** Completes sign-in with a passkey of the user's own, from a client address. */
export async function passSecondFactorWithPasskey(
  { user, sessionId }: SignInStep,
  response: AuthenticationResponseJSON,
  address: string,
): Promise<void> {
  await assertSecondFactorAllowed(user.id, address);
  const expectedChallenge = await takeChallenge(sessionId, "authenticate");
  if (!expectedChallenge) throw new Refusal("conflict", CHALLENGE_EXPIRED);
  const prisma = await db();
  const passkey = await prisma.passkey.findFirst({ where: { id: response.id, userId: user.id } });
  if (!passkey)
    return refuseSecondFactor(user, address, "passkey", "This passkey is not one of your account's.");
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
  if (!result?.verified)
    return refuseSecondFactor(user, address, "passkey", "The passkey could not be checked.");
  await prisma.passkey.update({
    where: { id: passkey.id },
    data: { counter: BigInt(result.authenticationInfo.newCounter), lastUsedAt: new Date() },
  });
  await clearSecondFactorFailures(user.id, address);
  await markSecondFactorPassed(sessionId);
  logger.info({ userId: user.id, method: "passkey" }, "second factor passed");
}
