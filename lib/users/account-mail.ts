import "server-only";
import { portalUrl } from "@/lib/mail/config";
import { queueMail } from "@/lib/mail/outbox";
import type { AccountTokenPurpose, Prisma } from "@/lib/generated/prisma/client";
import { issueToken, TOKEN_LIFETIME_MS } from "@/lib/users/tokens";

// The account mails that carry a single-use link: the token is made and the mail queued in the
// caller's transaction, so a link is never mailed for a change that rolled back. The link opens
// a page that asks for a click (or a new password) before the token is used: mail scanners that
// open links must not use it up.

const PAGES: Record<AccountTokenPurpose, string> = {
  VERIFY_EMAIL: "/verify-email",
  PASSWORD_RESET: "/reset-password",
  EMAIL_CHANGE: "/confirm-email",
};

export function linkFor(purpose: AccountTokenPurpose, token: string): string {
  return `${portalUrl()}${PAGES[purpose]}?token=${token}`;
}

export const lifetimeText = (purpose: AccountTokenPurpose) => {
  const minutes = TOKEN_LIFETIME_MS[purpose] / 60_000;
  return minutes >= 120 ? `${minutes / 60} hours` : `${minutes} minutes`;
};

type Account = { id: string; email: string; name: string };

/** A new verification link to the account's address (earlier links stop working). */
export async function queueVerificationMail(
  tx: Prisma.TransactionClient,
  user: Account,
  /** The invitation page the person signed up from: the confirmation page leads back to it. */
  returnTo: string | null = null,
) {
  const { token, id } = await issueToken(tx, { userId: user.id, purpose: "VERIFY_EMAIL" });
  const link = linkFor("VERIFY_EMAIL", token) + (returnTo ? `&next=${encodeURIComponent(returnTo)}` : "");
  await queueMail(tx, {
    to: user.email,
    template: "verify-email",
    data: { name: user.name, link, validFor: lifetimeText("VERIFY_EMAIL") },
    userId: user.id,
    dedupeKey: `verify-email:${id}`,
  });
}

/** A password-reset link to the account's address (earlier reset links stop working). */
export async function queueResetMail(tx: Prisma.TransactionClient, user: Account) {
  const { token, id } = await issueToken(tx, { userId: user.id, purpose: "PASSWORD_RESET" });
  await queueMail(tx, {
    to: user.email,
    template: "password-reset",
    data: {
      name: user.name,
      link: linkFor("PASSWORD_RESET", token),
      validFor: lifetimeText("PASSWORD_RESET"),
    },
    userId: user.id,
    dedupeKey: `password-reset:${id}`,
  });
}

/** The confirmation link for an e-mail change, sent to the NEW address. */
export async function queueEmailChangeMail(tx: Prisma.TransactionClient, user: Account, newEmail: string) {
  const { token, id } = await issueToken(tx, { userId: user.id, purpose: "EMAIL_CHANGE", newEmail });
  await queueMail(tx, {
    to: newEmail,
    template: "email-change-confirm",
    data: {
      name: user.name,
      newEmail,
      link: linkFor("EMAIL_CHANGE", token),
      validFor: lifetimeText("EMAIL_CHANGE"),
    },
    userId: user.id,
    dedupeKey: `email-change-confirm:${id}`,
  });
}
