import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { queueMail } from "@/lib/mail/outbox";
import { portalUrl } from "@/lib/mail/config";
import { queueVerificationMail } from "@/lib/users/account-mail";
import { normalizeEmail } from "@/lib/users/schemas";

/** What sign-up answers, whether or not the address already had an account. */
export const SIGN_UP_NOTICE =
  "Thank you. Check your inbox: we have sent a message to this address with what to do next. Then sign in with your password.";

/**
 * Self-registration of a customer. Does the same work whether or not the address is taken (one
 * argon2 hash, one INSERT of a row, one mail queued) and tells the caller nothing about which it
 * was, so neither the answer nor its timing reveals who has an account. A new account gets its
 * verification link; the owner of an existing one is told that someone tried to sign up with
 * their address (at most once an hour). An existing account is never changed.
 */
export async function registerCustomer(input: {
  name: string;
  email: string;
  password: string;
  /** The invitation page the person signed up from (lib/organizations/invitation-return.ts). */
  returnTo?: string | null;
}): Promise<void> {
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  const id = `c${randomBytes(12).toString("hex")}`;
  const name = input.name.trim();
  await prisma.$transaction(async (tx) => {
    // On a taken address the conflict branch rewrites the e-mail with itself: the row's content
    // stays exactly as it was, but like the insert it writes a row version and a commit record.
    // DO NOTHING wrote nothing and answered measurably faster (about 50 ms on PGlite) than a new
    // account. Raw SQL because Prisma's upsert would also bump updatedAt. xmax = 0 only for a row
    // this statement inserted.
    const [row] = await tx.$queryRaw<{ id: string; name: string; email: string; inserted: boolean }[]>`
      INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "updatedAt")
      VALUES (${id}, ${normalizeEmail(input.email)}, ${name}, ${passwordHash}, 'CUSTOMER'::"Role", now())
      ON CONFLICT ("email") DO UPDATE SET "email" = EXCLUDED."email"
      RETURNING "id", "name", "email", (xmax = 0) AS "inserted"`;
    if (!row) throw new Error("sign-up wrote no row");
    if (row.inserted) {
      await queueVerificationMail(tx, row, input.returnTo ?? null);
      return;
    }
    const hour = Math.floor(Date.now() / 3_600_000);
    await queueMail(tx, {
      to: row.email,
      template: "sign-up-existing-account",
      data: {
        name: row.name,
        signInLink: `${portalUrl()}/sign-in`,
        resetLink: `${portalUrl()}/forgot-password`,
      },
      userId: row.id,
      dedupeKey: `sign-up-existing-account:${row.id}:${hour}`,
    });
  });
}
