import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordSignInFailure, signInBlockedFor } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { queueMail } from "@/lib/mail/outbox";
import { Refusal } from "@/lib/refusal";
import { waitWords } from "@/lib/text";
import type { SessionUser } from "@/lib/users/data";

const WRONG_CURRENT = "Your current password is not correct.";

/**
 * Refuses, in words, a proof of the current password that is throttled or wrong. A wrong current
 * password counts like a failed sign-in of the pair (account, address): whoever holds a
 * signed-in browser cannot guess the password any faster than at the sign-in page.
 */
export async function checkCurrentPassword(
  user: SessionUser,
  password: string,
  address: string,
  field = "currentPassword",
): Promise<void> {
  const wait = await signInBlockedFor(user.email, address);
  if (wait > 0) {
    throw new Refusal("not_allowed", `Too many wrong passwords. Wait ${waitWords(wait)} and try again.`);
  }
  const prisma = await db();
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row || !(await verifyPassword(row.passwordHash, password))) {
    await recordSignInFailure(user.email, address);
    throw new Refusal("invalid", WRONG_CURRENT, { [field]: [WRONG_CURRENT] });
  }
}

/**
 * Changes the signed-in user's password after checking the current one, and ends every other
 * session of the account (a browser someone else signed in with stops working now); the browser
 * that made the change stays signed in. Audited as `user.password_changed` (no hash in it); the
 * owner's address gets a notice, in case it was not them.
 */
export async function changePassword(
  user: SessionUser,
  input: { currentPassword: string; password: string },
  context: { sessionId: string; address: string },
): Promise<{ endedSessions: number }> {
  await checkCurrentPassword(user, input.currentPassword, context.address);
  const passwordHash = await hashPassword(input.password);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const row = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash },
      select: { email: true, name: true, updatedAt: true },
    });
    const { count } = await tx.userSession.deleteMany({
      where: { userId: user.id, id: { not: context.sessionId } },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_changed",
      targetUserId: user.id,
      details: { otherSessionsEnded: count },
    });
    await queueMail(tx, {
      to: row.email,
      template: "password-changed",
      data: { name: row.name, how: "change" },
      userId: user.id,
      dedupeKey: `password-changed:change:${user.id}:${row.updatedAt.getTime()}`,
    });
    return { endedSessions: count };
  });
}
