import "server-only";
import { markSecondFactorPassed } from "@/lib/auth/sessions";
import { verifyPassword } from "@/lib/auth/password";
import {
  clearSecondFactorFailures,
  recordSecondFactorFailure,
  secondFactorBlockedFor,
} from "@/lib/auth/throttle";
import { looksLikeRecoveryCode } from "@/lib/auth/two-factor/recovery-codes";
import { spendRecoveryCode } from "@/lib/auth/two-factor/recovery";
import { checkTotpCode } from "@/lib/auth/two-factor/totp-factor";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";

const WRONG = "That code is not correct or has already been used.";

/** Refuses while the account has spent its second-factor tries; the wait lapses by itself. */
export async function assertSecondFactorAllowed(userId: string): Promise<void> {
  const wait = await secondFactorBlockedFor(userId);
  if (wait <= 0) return;
  const minutes = Math.max(1, Math.ceil(wait / 60));
  throw new Refusal(
    "not_allowed",
    `Too many wrong codes. For your security, wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
  );
}

/** Counts a failed second-factor attempt and refuses it in words on the given field. */
export async function refuseSecondFactor(userId: string, field: string, message = WRONG): Promise<never> {
  await recordSecondFactorFailure(userId);
  logger.info({ userId }, "second factor refused");
  throw new Refusal("invalid", message, { [field]: [message] });
}

/**
 * Completes sign-in with an authenticator code or a recovery code: the session is fully signed
 * in afterwards. Wrong codes are throttled per account.
 */
export async function passSecondFactorWithCode(
  session: { user: SessionUser; sessionId: string },
  code: string,
): Promise<{ method: "totp" | "recovery" }> {
  const { user, sessionId } = session;
  await assertSecondFactorAllowed(user.id);
  const recovery = looksLikeRecoveryCode(code);
  const ok = recovery ? await spendRecoveryCode(user.id, code) : await checkTotpCode(user.id, code);
  if (!ok) return refuseSecondFactor(user.id, "code");
  await clearSecondFactorFailures(user.id);
  await markSecondFactorPassed(sessionId);
  logger.info({ userId: user.id, method: recovery ? "recovery" : "totp" }, "second factor passed");
  return { method: recovery ? "recovery" : "totp" };
}

/** Re-authentication before a change of factors: the account's current password. */
export async function assertCurrentPassword(user: SessionUser, password: string): Promise<void> {
  await assertSecondFactorAllowed(user.id);
  const prisma = await db();
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (row && (await verifyPassword(row.passwordHash, password))) return;
  await refuseSecondFactor(user.id, "password", "The password is not correct.");
}
