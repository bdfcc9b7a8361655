import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueMail } from "@/lib/mail/outbox";
import { Refusal } from "@/lib/refusal";
import { queueEmailChangeMail } from "@/lib/users/account-mail";
import { checkCurrentPassword } from "@/lib/users/change-password";
import { EmailTakenError, type SessionUser } from "@/lib/users/data";
import { normalizeEmail } from "@/lib/users/schemas";
import { consumeToken, linkState, type LinkState } from "@/lib/users/tokens";
import { OtherAccount } from "@/lib/users/verification";

/**
 * Starts an e-mail change: after the current password, a confirmation link goes to the NEW
 * address; the account keeps its address until the link is followed. The signed-in owner has
 * proved their password, so an address already in use is told plainly (the unique constraint
 * decides again at confirmation).
 */
export async function requestEmailChange(
  user: SessionUser,
  input: { currentPassword: string; newEmail: string },
  address: string,
): Promise<void> {
  await checkCurrentPassword(user, input.currentPassword, address, "emailChangePassword");
  const newEmail = normalizeEmail(input.newEmail);
  if (newEmail === user.email) {
    const message = "This is already your e-mail address.";
    throw new Refusal("invalid", message, { newEmail: [message] });
  }
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
    if (taken) throw takenError();
    const row = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { id: true, email: true, name: true },
    });
    await queueEmailChangeMail(tx, row, newEmail);
    await recordAudit(tx, { actorId: user.id, action: "user.email_change_requested", targetUserId: user.id });
  });
}

function takenError(): Refusal {
  const error = new EmailTakenError();
  return new Refusal("conflict", error.message, { newEmail: [error.message] });
}

export type EmailChangeOutcome =
  { ok: true; newEmail: string } | { ok: false; reason: "invalid" | "other_account" | "taken" };

/**
 * Follows the confirmation link: the account's address becomes the new one (confirmed, since
 * the link reached it), the token is used up, other verification links die, and the OLD address
 * is told. A bad link, another signed-in account or an address taken meanwhile change nothing.
 */
export async function confirmEmailChange(
  token: unknown,
  signedIn: SessionUser | null,
): Promise<EmailChangeOutcome> {
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const live = await consumeToken(tx, token, "EMAIL_CHANGE");
      if (!live?.newEmail) return { ok: false, reason: "invalid" } as const;
      if (signedIn && signedIn.id !== live.userId) throw new OtherAccount();
      await tx.user.update({
        where: { id: live.userId },
        data: { email: live.newEmail, emailVerifiedAt: new Date() },
      });
      await tx.accountToken.deleteMany({ where: { userId: live.userId, purpose: "VERIFY_EMAIL" } });
      await recordAudit(tx, {
        actorId: live.userId,
        action: "user.email_changed",
        targetUserId: live.userId,
        details: { from: live.email, to: live.newEmail },
      });
      await queueMail(tx, {
        to: live.email,
        template: "email-changed",
        data: { name: live.name, newEmail: live.newEmail },
        userId: live.userId,
        dedupeKey: `email-changed:${live.id}`,
      });
      return { ok: true, newEmail: live.newEmail } as const;
    });
  } catch (error) {
    if (error instanceof OtherAccount) return { ok: false, reason: "other_account" };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: false, reason: "taken" };
    throw error;
  }
}

/** Whether a confirmation link still works, was used, or is dead or malformed (reads only). */
export async function emailChangeLink(token: unknown): Promise<LinkState> {
  return linkState(await db(), token, "EMAIL_CHANGE");
}
