import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { ADMIN, assertRole, hasRole, STAFF } from "@/lib/auth/roles";
import { endSessionsInTransaction } from "@/lib/auth/sessions";
import { issueRecoveryCodes } from "@/lib/auth/two-factor/recovery";
import { assertCurrentPassword } from "@/lib/auth/two-factor/verify";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";

export interface SecondFactors {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  recoveryCodesLeft: number;
}

/** The caller's own second factors, as the security page lists them (never a secret). */
export async function listSecondFactors(user: SessionUser): Promise<SecondFactors> {
  const prisma = await db();
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    prisma.totpFactor.findUnique({ where: { userId: user.id }, select: { confirmedAt: true } }),
    prisma.passkey.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    }),
    prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), passkeys, recoveryCodesLeft };
}

const LAST_FACTOR = "Staff accounts must keep a second factor: add another one before removing this one.";

/** After a removal: staff must keep one factor; a user left with none needs no recovery codes. */
async function afterRemoval(tx: Prisma.TransactionClient, user: SessionUser): Promise<void> {
  const totp = await tx.totpFactor.count({ where: { userId: user.id, confirmedAt: { not: null } } });
  const passkeys = await tx.passkey.count({ where: { userId: user.id } });
  if (totp + passkeys > 0) return;
  if (hasRole(user, STAFF)) throw new Refusal("not_allowed", LAST_FACTOR);
  await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
}

/** Removes the caller's authenticator app, after their password. */
export async function removeTotp(user: SessionUser, password: string): Promise<void> {
  await assertCurrentPassword(user, password);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.deleteMany({
      where: { userId: user.id, confirmedAt: { not: null } },
    });
    if (count !== 1) throw new Refusal("not_found", "No authenticator app is set up.");
    await afterRemoval(tx, user);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.second_factor_removed",
      targetUserId: user.id,
      details: { method: "totp" },
    });
  });
}

/** Removes one of the caller's passkeys, after their password. */
export async function removePasskey(user: SessionUser, passkeyId: string, password: string): Promise<void> {
  await assertCurrentPassword(user, password);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({
      where: { id: passkeyId, userId: user.id },
      select: { name: true },
    });
    if (!passkey) throw new Refusal("not_found", "This passkey has already been removed.");
    await tx.passkey.delete({ where: { id: passkeyId } });
    await afterRemoval(tx, user);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.second_factor_removed",
      targetUserId: user.id,
      details: { method: "passkey", name: passkey.name },
    });
  });
}

/** Replaces the caller's recovery codes (after their password) and returns the new ones once. */
export async function renewRecoveryCodes(user: SessionUser, password: string): Promise<string[]> {
  await assertCurrentPassword(user, password);
  const prisma = await db();
  const factors = await listSecondFactors(user);
  if (!factors.totp && !factors.passkeys.length)
    throw new Refusal("not_allowed", "Set up a second factor first; recovery codes come with it.");
  return prisma.$transaction(async (tx) => {
    const codes = await issueRecoveryCodes(tx, user.id);
    await recordAudit(tx, { actorId: user.id, action: "user.recovery_codes_renewed", targetUserId: user.id });
    return codes;
  });
}

/**
 * An administrator removes every second factor of an account (a lost phone and lost codes) and
 * ends its sessions: its owner sets up a new factor at the next sign-in (staff must).
 */
export async function resetSecondFactors(admin: SessionUser, userId: string): Promise<{ email: string }> {
  assertRole(admin, ADMIN, "reset second factors");
  if (admin.id === userId)
    throw new Refusal("not_allowed", "Change your own second factors on your security page.");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw new Refusal("not_found", "This account does not exist.");
    const totp = await tx.totpFactor.deleteMany({ where: { userId } });
    const passkeys = await tx.passkey.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await endSessionsInTransaction(tx, userId);
    await recordAudit(tx, {
      actorId: admin.id,
      action: "user.second_factors_reset",
      targetUserId: userId,
      details: { totp: totp.count > 0, passkeys: passkeys.count },
    });
    return user;
  });
}
