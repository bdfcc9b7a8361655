import "server-only";
import { markSecondFactorPassed } from "@/lib/auth/sessions";
import { verifyPassword } from "@/lib/auth/password";
import { reauthBlockedFor, recordReauthFailure } from "@/lib/auth/throttle";
import { looksLikeRecoveryCode } from "@/lib/auth/two-factor/recovery-codes";
import { spendRecoveryCode } from "@/lib/auth/two-factor/recovery";
import {
  clearSecondFactorFailures,
  recordSecondFactorFailure,
  secondFactorBlockedFor,
} from "@/lib/auth/two-factor/throttle";
import { checkTotpCode } from "@/lib/auth/two-factor/totp-factor";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { queueMail } from "@/lib/mail/outbox";
import { Refusal } from "@/lib/refusal";
import { waitWords } from "@/lib/text";
import type { SessionUser } from "@/lib/users/data";

const WRONG = "That code is not correct or has already been used.";

/**
 * Refuses while this address must wait before trying the account's second factor again (its own
 * failures or the address's cap); the wait lapses by itself and never stops another address.
 */
export async function assertSecondFactorAllowed(userId: string, address: string): Promise<void> {
  const wait = await secondFactorBlockedFor(userId, address);
  if (wait > 0)
    throw new Refusal(
      "not_allowed",
      `Too many wrong codes. For your security, wait ${waitWords(wait)} and try again.`,
    );
}

/** Counts a failed second factor at sign-in, tells the owner when due, and refuses in words. */
export async function refuseSecondFactor(
  user: SessionUser,
  address: string,
  field: string,
  message = WRONG,
): Promise<never> {
  const failure = await recordSecondFactorFailure(user.id, address);
  logger.info({ userId: user.id, address, ...failure }, "second factor refused");
  if (failure.noticeDue) {
    // A courtesy: a failure to queue it must not change the answer.
    await noticeSecondFactorFailures(user, failure.accountFailures).catch((error: unknown) =>
      logger.error({ err: (error as Error).message }, "second-factor failures notice not queued"),
    );
  }
  throw new Refusal("invalid", message, { [field]: [message] });
}

/**
 * Tells the owner that someone with their password keeps failing the second factor. At most one
 * notice per account and hour (the dedupe key), however the attempts are spread.
 */
async function noticeSecondFactorFailures(user: SessionUser, failures: number): Promise<void> {
  const hour = Math.floor(Date.now() / 3_600_000);
  await queueMail(await db(), {
    to: user.email,
    template: "second-factor-failures",
    data: { name: user.name, failures },
    userId: user.id,
    dedupeKey: `second-factor-failures:${user.id}:${hour}`,
  });
  logger.info({ userId: user.id }, "repeated second-factor failures: owner notified");
}

/**
 * Completes sign-in with an authenticator code or a recovery code from a client address: the
 * session is fully signed in afterwards. Wrong codes are throttled per account and address.
 */
export async function passSecondFactorWithCode(
  session: { user: SessionUser; sessionId: string },
  code: string,
  address: string,
): Promise<{ method: "totp" | "recovery" }> {
  const { user, sessionId } = session;
  await assertSecondFactorAllowed(user.id, address);
  const recovery = looksLikeRecoveryCode(code);
  const ok = recovery ? await spendRecoveryCode(user.id, code) : await checkTotpCode(user.id, code);
  if (!ok) return refuseSecondFactor(user, address, "code");
  await clearSecondFactorFailures(user.id, address);
  await markSecondFactorPassed(sessionId);
  logger.info({ userId: user.id, method: recovery ? "recovery" : "totp" }, "second factor passed");
  return { method: recovery ? "recovery" : "totp" };
}

/**
 * Re-authentication before a change of factors: the account's current password. Only a fully
 * signed-in session gets here, so the throttle is per account.
 */
export async function assertCurrentPassword(user: SessionUser, password: string): Promise<void> {
  const wait = await reauthBlockedFor(user.id);
  if (wait > 0) {
    const minutes = Math.max(1, Math.ceil(wait / 60));
    throw new Refusal(
      "not_allowed",
      `Too many wrong passwords. For your security, wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    );
  }
  const prisma = await db();
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (row && (await verifyPassword(row.passwordHash, password))) return;
  await recordReauthFailure(user.id);
  const message = "The password is not correct.";
  throw new Refusal("invalid", message, { password: [message] });
}
