import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { consumeMailRequest } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { queueMail } from "@/lib/mail/outbox";
import { lifetimeText, queueResetMail } from "@/lib/users/account-mail";
import type { SessionUser } from "@/lib/users/data";
import { OtherAccount } from "@/lib/users/verification";
import { normalizeEmail } from "@/lib/users/schemas";
import { consumeToken, findLiveToken, isWellFormedToken, LINK_MALFORMED } from "@/lib/users/tokens";

/** What "Forgot password?" answers, whether or not the address has an account. */
export const RESET_REQUEST_NOTICE = `If an account uses this address, we have sent it a link to choose a new password. The link works for ${lifetimeText("PASSWORD_RESET")} and only once. Check your spam folder too if nothing arrives.`;

/** What a used, expired or otherwise bad reset link shows. */
export const RESET_LINK_INVALID =
  "This link to choose a new password does not work any more: it was used, it expired, or a newer one was sent. Ask for a new link.";

/** Why a reset link does not work: cut short or altered, else used, expired or replaced. */
export function resetLinkRefusal(token: unknown): string {
  return isWellFormedToken(token) ? RESET_LINK_INVALID : LINK_MALFORMED;
}

/**
 * Mails a reset link to the address if it has an enabled account and the throttle allows it;
 * otherwise does nothing. Returns nothing either way. The form's action runs it after the
 * answer has gone out, so neither the answer nor its timing depends on whether it mailed.
 */
export async function requestPasswordReset(email: string, address: string): Promise<void> {
  const normalized = normalizeEmail(email);
  const wait = await consumeMailRequest("password-reset", normalized, address);
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, name: true, disabled: true },
  });
  if (wait > 0 || !user || user.disabled) {
    logger.info({ reason: wait > 0 ? "throttled" : "no enabled account" }, "password reset link not sent");
    return;
  }
  await prisma.$transaction((tx) => queueResetMail(tx, user));
}

/** The account a reset link is for (to show the form), or null when the link does not work. */
export async function findPasswordReset(token: unknown): Promise<{ email: string; name: string } | null> {
  const prisma = await db();
  const live = await findLiveToken(prisma, token, "PASSWORD_RESET");
  return live ? { email: live.email, name: live.name } : null;
}

export type ResetOutcome = "reset" | "invalid" | "other_account";

/**
 * Sets a new password with a reset link, once: the token is used up, every session of the
 * account ends (whoever had signed in with the old password is out), the address counts as
 * confirmed (the link reached it), and the owner gets a notice. A bad link changes nothing.
 * The new password has passed the policy already (the action's schema).
 */
export async function resetPassword(
  input: { token: unknown; password: string },
  signedIn: SessionUser | null,
): Promise<ResetOutcome> {
  const passwordHash = await hashPassword(input.password);
  const prisma = await db();
  return prisma
    .$transaction(async (tx) => {
      const live = await consumeToken(tx, input.token, "PASSWORD_RESET");
      if (!live) return "invalid" as const;
      if (signedIn && signedIn.id !== live.userId) throw new OtherAccount();
      const user = await tx.user.update({
        where: { id: live.userId },
        data: { passwordHash },
        select: { id: true, email: true, name: true, emailVerifiedAt: true },
      });
      if (!user.emailVerifiedAt) {
        await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
      }
      const { count } = await tx.userSession.deleteMany({ where: { userId: user.id } });
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.password_reset",
        targetUserId: user.id,
        details: { sessionsEnded: count },
      });
      await queueMail(tx, {
        to: user.email,
        template: "password-changed",
        data: { name: user.name, how: "reset" },
        userId: user.id,
        dedupeKey: `password-changed:reset:${live.id}`,
      });
      return "reset" as const;
    })
    .catch((error: unknown) => {
      if (error instanceof OtherAccount) return "other_account" as const;
      throw error;
    });
}
