import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueMail } from "@/lib/mail/outbox";
import { Refusal } from "@/lib/refusal";
import { queueEmailChangeMail } from "@/lib/users/account-mail";
import { checkCurrentPassword } from "@/lib/users/change-password";
import type { SessionUser } from "@/lib/users/data";
import { normalizeEmail } from "@/lib/users/schemas";
import { consumeToken, linkState, type LinkState } from "@/lib/users/tokens";
import { OtherAccount } from "@/lib/users/verification";

/**
 * Starts an e-mail change: after the current password, a confirmation link goes to the NEW
 * address; the account keeps its address until the link is followed. An address that already
 * has an account gets, instead of the link, a notice to its owner (once an hour), and the caller
 * the same answer as for any address: the form must not tell who has an account (a password
 * proves only that the caller has one account). The unique constraint decides at confirmation.
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
    const taken = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true, name: true } });
    const row = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { id: true, email: true, name: true },
    });
    if (taken) await queueAddressTakenNotice(tx, taken, newEmail);
    else await queueEmailChangeMail(tx, row, newEmail);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.email_change_requested",
      targetUserId: user.id,
      // For the audit's readers (admins) only; never shown to the caller.
      details: taken ? { addressTaken: true } : undefined,
    });
  });
}

/** Tells the owner of a taken address that another account asked for it, at most once an hour. */
async function queueAddressTakenNotice(
  tx: Prisma.TransactionClient,
  owner: { id: string; name: string },
  email: string,
): Promise<void> {
  const hour = Math.floor(Date.now() / 3_600_000);
  await queueMail(tx, {
    to: email,
    template: "email-change-address-taken",
    data: { name: owner.name },
    userId: owner.id,
    dedupeKey: `email-change-address-taken:${owner.id}:${hour}`,
  });
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
