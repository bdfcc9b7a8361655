import "server-only";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { STAFF } from "@/lib/auth/roles";
import { sealSecret } from "@/lib/auth/two-factor/secret-box";
import { DEMO_STAFF_TOTP_SECRET } from "@/lib/users/demo-second-factor";

const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "customer@portal.example", name: "Demo Customer", role: "CUSTOMER" },
  { email: "support@portal.example", name: "Demo Support", role: "SUPPORT" },
  { email: "admin@portal.example", name: "Demo Admin", role: "ADMIN" },
];

/** Demo mode: the embedded database, or a server database with SEED_DEMO=1. */
export function isDemoMode(): boolean {
  const config = env();
  return !config.DATABASE_URL || config.SEED_DEMO;
}

/** The demo accounts and their shared password, or null outside demo mode. */
export function demoAccounts(): { password: string; accounts: typeof DEMO_ACCOUNTS } | null {
  return isDemoMode() ? { password: env().DEMO_PASSWORD, accounts: DEMO_ACCOUNTS } : null;
}

/** Creates the demo accounts that do not exist yet; returns the e-mails created. */
export async function seedDemoAccounts(): Promise<string[]> {
  const demo = demoAccounts();
  if (!demo) return [];
  const prisma = await db();
  const existing = await prisma.user.findMany({
    where: { email: { in: demo.accounts.map((a) => a.email) } },
    select: { email: true },
  });
  const missing = demo.accounts.filter((a) => !existing.some((e) => e.email === a.email));
  if (!missing.length) return [];
  const passwordHash = await hashPassword(demo.password);
  await prisma.user.createMany({
    data: missing.map((a) => ({ ...a, passwordHash, emailVerifiedAt: new Date() })),
    skipDuplicates: true,
  });
  // Staff must sign in with a second factor: the demo's have an authenticator key printed at start.
  // Without AUTH_SECRET (a bare test process) the key cannot be sealed; they then set one up.
  const authSecret = env().AUTH_SECRET;
  if (!authSecret) return missing.map((a) => a.email);
  const staff = await prisma.user.findMany({
    where: { email: { in: missing.filter((a) => STAFF.includes(a.role)).map((a) => a.email) } },
    select: { id: true },
  });
  const secret = sealSecret(DEMO_STAFF_TOTP_SECRET, authSecret);
  await prisma.totpFactor.createMany({
    data: staff.map((s) => ({ userId: s.id, secret, confirmedAt: new Date() })),
    skipDuplicates: true,
  });
  return missing.map((a) => a.email);
}
