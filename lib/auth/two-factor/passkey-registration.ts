import "server-only";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { storeChallenge, takeChallenge } from "@/lib/auth/two-factor/challenge";
import { CHALLENGE_EXPIRED, transportsOf, type SignInStep } from "@/lib/auth/two-factor/passkey-common";
import { recoveryCodesForNewFactor } from "@/lib/auth/two-factor/recovery";
import { relyingParty, RP_NAME } from "@/lib/auth/two-factor/relying-party";
import { logger } from "@/lib/log";
import { Refusal } from "@/lib/refusal";

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
  if (!expectedChallenge) throw new Refusal("conflict", CHALLENGE_EXPIRED);
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
