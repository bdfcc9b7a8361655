import "server-only";
import QRCode from "qrcode";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { openSecret, sealSecret } from "@/lib/auth/two-factor/secret-box";
import { matchTotpStep, newTotpSecret, totpUri } from "@/lib/auth/two-factor/totp";
import { recoveryCodesForNewFactor } from "@/lib/auth/two-factor/recovery";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";

// An enrolment not confirmed within this time starts over with a new secret; until then the page
// shows the same one, so reloading it does not invalidate what the app has already scanned.
const PENDING_MS = 30 * 60 * 1000;

const seal = (secret: string) => sealSecret(secret, env().AUTH_SECRET ?? "");
const open = (sealed: string) => openSecret(sealed, env().AUTH_SECRET ?? "");

export interface TotpEnrolment {
  /** The base32 secret, shown for typing into an app; only while enrolment is pending. */
  secret: string;
  uri: string;
  /** The QR code of `uri` as an SVG document. */
  qrSvg: string;
}

/** The pending authenticator-app enrolment of the user, started if there is none. */
export async function pendingTotpEnrolment(user: SessionUser): Promise<TotpEnrolment> {
  const prisma = await db();
  const row = await prisma.totpFactor.findUnique({ where: { userId: user.id } });
  if (row?.confirmedAt) throw new Refusal("not_allowed", "An authenticator app is already set up.");
  let secret: string;
  if (row && row.createdAt.getTime() > Date.now() - PENDING_MS) {
    secret = open(row.secret);
  } else {
    secret = newTotpSecret();
    const data = { secret: seal(secret), createdAt: new Date(), lastStep: null };
    await prisma.totpFactor.upsert({
      where: { userId: user.id },
      create: { userId: user.id, ...data },
      update: data,
    });
  }
  const uri = totpUri(secret, user.email);
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

const WRONG_CODE = "That code is not correct. Enter the 6-digit code your app shows now.";

/**
 * Confirms the pending enrolment with a first code: the app is set up, this session has passed
 * its second factor, and the recovery codes (new ones if the user had none) are returned once.
 */
export async function confirmTotpEnrolment(
  user: SessionUser,
  sessionId: string,
  code: string,
): Promise<string[]> {
  const prisma = await db();
  const row = await prisma.totpFactor.findUnique({ where: { userId: user.id } });
  if (!row || row.confirmedAt)
    throw new Refusal("not_allowed", "Reload the page to start setting up an app.");
  const step = matchTotpStep(open(row.secret), code);
  if (step === null) throw new Refusal("invalid", WRONG_CODE, { code: [WRONG_CODE] });
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.updateMany({
      where: { userId: user.id, confirmedAt: null, secret: row.secret },
      data: { confirmedAt: new Date(), lastStep: step },
    });
    if (count !== 1) throw new Refusal("conflict", "Reload the page to start setting up an app.");
    await tx.userSession.updateMany({
      where: { id: sessionId, userId: user.id },
      data: { secondFactorAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.second_factor_added",
      targetUserId: user.id,
      details: { method: "totp" },
    });
    return recoveryCodesForNewFactor(tx, user.id);
  });
}

/**
 * Whether the code is the user's current authenticator code (one step either side) for a step
 * after the last one accepted; accepting it records the step, so the same code never works twice.
 */
export async function checkTotpCode(userId: string, code: string): Promise<boolean> {
  const prisma = await db();
  const row = await prisma.totpFactor.findUnique({ where: { userId } });
  if (!row?.confirmedAt) return false;
  const step = matchTotpStep(open(row.secret), code);
  if (step === null) return false;
  const { count } = await prisma.totpFactor.updateMany({
    where: { userId, confirmedAt: { not: null }, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
    data: { lastStep: step },
  });
  return count === 1;
}
