import "server-only";
import { db } from "@/lib/db";
import { secondFactorState } from "@/lib/auth/two-factor/state";
import { normalizeEmail } from "@/lib/users/schemas";

/**
 * Whether a sign-in to this account continues at /two-factor (staff, or anyone with a factor),
 * so the sign-in can send the browser there with its destination instead of losing it. Only the
 * redirect after a correct password depends on it; an unknown address costs the same one query.
 */
export async function signInContinuesAtSecondFactor(email: string): Promise<boolean> {
  const prisma = await db();
  const row = await prisma.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { role: true, totp: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } },
  });
  if (!row) return false;
  const hasFactor = Boolean(row.totp?.confirmedAt) || row._count.passkeys > 0;
  return secondFactorState({ role: row.role, verifiedAt: null, hasFactor }) !== "done";
}

/** The /two-factor address that continues to `destination` (a path already made safe). */
export function secondFactorPath(destination: string): string {
  return destination === "/orders"
    ? "/two-factor"
    : `/two-factor?callbackUrl=${encodeURIComponent(destination)}`;
}
