import "server-only";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import {
  clearSignInFailures,
  NOTICE_AFTER_FAILURES,
  recordSignInFailure,
  signInBlockedFor,
} from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { queueMail } from "@/lib/mail/outbox";
import { findUserForSignIn, type SessionUser } from "@/lib/users/data";
import { logger } from "@/lib/log";

export type SignInOutcome =
  | { ok: true; user: SessionUser; sessionId: string }
  | { ok: false; reason: "credentials" }
  | { ok: false; reason: "throttled"; waitSeconds: number };

/**
 * One sign-in with e-mail and password from a client address: the throttle first (the pair's
 * delay, the address's cap; never a lock of the account), then the password, then a session.
 * Auth.js's authorize callback calls it for the sign-in form and direct POSTs alike.
 */
export async function attemptSignIn(input: {
  email: string;
  password: string;
  address: string;
  userAgent?: string | null;
}): Promise<SignInOutcome> {
  const { email, password, address } = input;
  const waitSeconds = await signInBlockedFor(email, address);
  if (waitSeconds > 0) {
    logger.warn({ email, address, waitSeconds }, "sign-in throttled");
    return { ok: false, reason: "throttled", waitSeconds };
  }
  const user = await findUserForSignIn(email);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled) {
    const counts = await recordSignInFailure(email, address);
    logger.info(
      { email, address, reason: user?.disabled ? "disabled" : "credentials", ...counts },
      "sign-in failed",
    );
    if (counts.noticeDue && user && !user.disabled) {
      // The notice is a courtesy: a failure to queue it must not change the sign-in's answer.
      await noticeRepeatedFailures(user).catch((error: unknown) =>
        logger.error({ err: (error as Error).message }, "sign-in failures notice not queued"),
      );
    }
    return { ok: false, reason: "credentials" };
  }
  await clearSignInFailures(email, address);
  const sessionId = await createSession(user.id, { userAgent: input.userAgent, address });
  logger.info({ userId: user.id }, "signed in");
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionId };
}

/**
 * Tells the owner that someone keeps failing to sign in to their account: nothing for them to do
 * if it was not them (the password held, and nobody can lock them out), a second factor helps.
 * At most one notice per account and hour (the dedupe key), however the attempts are spread.
 */
async function noticeRepeatedFailures(user: SessionUser): Promise<void> {
  const prisma = await db();
  const hour = Math.floor(Date.now() / 3_600_000);
  await queueMail(prisma, {
    to: user.email,
    template: "sign-in-failures",
    data: { name: user.name, failures: NOTICE_AFTER_FAILURES },
    userId: user.id,
    dedupeKey: `sign-in-failures:${user.id}:${hour}`,
  });
  logger.info({ userId: user.id }, "repeated sign-in failures: owner notified");
}
