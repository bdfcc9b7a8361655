import "server-only";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { normalizeEmail } from "@/lib/users/schemas";

/** What sign-up answers, whether or not the address already had an account. */
export const SIGN_UP_NOTICE =
  "Thank you. If this e-mail address was new to the portal, your customer account is ready: sign in with it and the password you chose. If it already had an account, that account is unchanged: sign in with its password.";

/**
 * Self-registration of a customer. Does the same work whether or not the address is taken (one
 * argon2 hash, one INSERT … ON CONFLICT DO NOTHING) and tells the caller nothing about which it
 * was, so neither the answer nor its timing reveals who has an account. An existing account is
 * never changed.
 */
export async function registerCustomer(input: {
  name: string;
  email: string;
  password: string;
}): Promise<void> {
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  await prisma.user.createMany({
    data: [{ email: normalizeEmail(input.email), name: input.name.trim(), passwordHash, role: "CUSTOMER" }],
    skipDuplicates: true,
  });
}
