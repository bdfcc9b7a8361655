import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditWriter } from "@/lib/audit/record";
import { hashRecoveryCode, newRecoveryCodes } from "@/lib/auth/two-factor/recovery-codes";

/** Replaces the user's recovery codes with ten new ones and returns them (shown once, never stored). */
export async function issueRecoveryCodes(tx: AuditWriter, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })),
  });
  return codes;
}

/** New codes unless the user still has unused ones (a second factor added to a first). */
export async function recoveryCodesForNewFactor(tx: AuditWriter, userId: string): Promise<string[]> {
  const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
  return left > 0 ? [] : issueRecoveryCodes(tx, userId);
}

/**
 * Spends one recovery code: true exactly once per code. The conditional write decides, so two
 * sign-ins racing with one code cannot both pass.
 */
export async function spendRecoveryCode(userId: string, code: string): Promise<boolean> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count !== 1) return false;
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.recovery_code_used",
      targetUserId: userId,
      details: { left },
    });
    return true;
  });
}
