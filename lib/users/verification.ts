import "server-only";
import { consumeMailRequest } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { queueVerificationMail } from "@/lib/users/account-mail";
import type { SessionUser } from "@/lib/users/data";
import { normalizeEmail } from "@/lib/users/schemas";
import { consumeToken, isWellFormedToken, LINK_MALFORMED, linkState } from "@/lib/users/tokens";
import { waitWords } from "@/lib/text";

/** What asking for the link again answers, whether or not the address has an account to verify. */
export const RESEND_NOTICE =
  "If this address belongs to an account that still needs confirming, a new link is on its way. Earlier links no longer work.";

/** Why a verification link does not work: cut short or altered, else used, expired or replaced. */
export function verifyLinkRefusal(token: unknown): string {
  return isWellFormedToken(token)
    ? "This confirmation link does not work any more: it was used, it expired, or a newer one was sent. Ask for a new link below, or sign in: if your address is confirmed already, nothing more is needed."
    : LINK_MALFORMED;
}

/** The address a verification link would confirm, or null when the link does not work (reads only). */
export async function verificationLinkAddress(token: unknown): Promise<string | null> {
  const link = await linkState(await db(), token, "VERIFY_EMAIL");
  return link.state === "live" ? link.email : null;
}

/** Whether the account has confirmed its e-mail address (a customer must before submitting an order). */
export async function isEmailVerified(userId: string): Promise<boolean> {
  const prisma = await db();
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(row?.emailVerifiedAt);
}

/** What asking for the link again answers while the throttle holds, for any address alike. */
export function resendThrottledNotice(seconds: number): string {
  return `A link was asked for this address several times in the last hour. If it belongs to an account that still needs confirming, use the latest link you received, or ask again in ${waitWords(seconds)}.`;
}

/**
 * Counts a request for a new link against the throttle; returns the seconds to wait, 0 when the
 * link may go. It is counted per address typed whether or not an account uses it, so its answer
 * tells nothing about accounts and may be shown.
 */
export async function claimResend(email: string, address: string): Promise<number> {
  return consumeMailRequest("verify-email", normalizeEmail(email), address);
}

/**
 * Sends a new verification link if the address has an unconfirmed, enabled account; otherwise
 * does nothing. Runs after the answer went out (RESEND_NOTICE, the same for every address).
 */
export async function sendVerificationTo(email: string): Promise<void> {
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, name: true, emailVerifiedAt: true, disabled: true },
  });
  if (!user || user.emailVerifiedAt || user.disabled) {
    logger.info({ reason: "no unverified account" }, "verification link not sent");
    return;
  }
  await prisma.$transaction((tx) => queueVerificationMail(tx, user));
}

/** claimResend, then sendVerificationTo when allowed; returns the seconds to wait (0: done). */
export async function resendVerification(email: string, address: string): Promise<number> {
  const wait = await claimResend(email, address);
  if (wait > 0) {
    logger.info({ reason: "throttled" }, "verification link not sent");
    return wait;
  }
  await sendVerificationTo(email);
  return 0;
}

/**
 * The signed-in customer's "send the link again": the same throttle, but they may be told to wait
 * (they are signed in, nothing is revealed). Returns the seconds to wait, 0 when a link was sent.
 */
export async function resendVerificationFor(user: SessionUser, address: string): Promise<number> {
  const wait = await consumeMailRequest("verify-email", user.email, address);
  if (wait > 0) return wait;
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const row = await tx.user.findUnique({
      where: { id: user.id },
      select: { id: true, email: true, name: true, emailVerifiedAt: true },
    });
    if (row && !row.emailVerifiedAt) await queueVerificationMail(tx, row);
  });
  return 0;
}

export type VerifyOutcome = "verified" | "invalid" | "other_account";

/**
 * Follows a verification link: the account's address is confirmed and the token used up. A link
 * that is malformed, unknown, used, expired or for another purpose changes nothing; so does one
 * for another account than the one signed in in this browser.
 */
export async function confirmEmailVerification(
  token: unknown,
  signedIn: SessionUser | null,
): Promise<VerifyOutcome> {
  const prisma = await db();
  return prisma
    .$transaction(async (tx) => {
      const live = await consumeToken(tx, token, "VERIFY_EMAIL");
      if (!live) return "invalid";
      if (signedIn && signedIn.id !== live.userId) throw new OtherAccount();
      await tx.user.updateMany({
        where: { id: live.userId, emailVerifiedAt: null },
        data: { emailVerifiedAt: new Date() },
      });
      await recordAudit(tx, {
        actorId: live.userId,
        action: "user.email_verified",
        targetUserId: live.userId,
      });
      return "verified" as const;
    })
    .catch((error: unknown) => {
      // Thrown to roll the token's use back: the link stays good for its own account.
      if (error instanceof OtherAccount) return "other_account" as const;
      throw error;
    });
}

/** Rolls back a token used while another account is signed in. */
export class OtherAccount extends Error {
  override name = "OtherAccount";
}
