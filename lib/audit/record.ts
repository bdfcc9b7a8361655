import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { currentApiKeyId, currentRequestId } from "@/lib/observability/request-context.mjs";

/** Either the Prisma client or the client of an interactive transaction. */
export type AuditWriter = PrismaClient | Prisma.TransactionClient;

/** Actions written by the user administration; other modules add their own (e.g. `order.*`). */
export const USER_AUDIT_ACTIONS = [
  "user.created",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.second_factor_added",
  "user.second_factor_removed",
  "user.recovery_code_used",
  "user.recovery_codes_renewed",
  "user.second_factors_reset",
] as const;

export interface AuditInput {
  /** Null only for events without a signed-in person (start-up, background jobs). */
  actorId: string | null;
  /** Dotted, lower-case verb in the past tense: `user.role_changed`, `order.retried`. */
  action: string;
  orderId?: string | null;
  targetUserId?: string | null;
  reason?: string | null;
  details?: Prisma.InputJsonValue | null;
}

const ACTION_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Appends one audit event. Pass the transaction client of the change being audited, so the
 * change and its record commit (or roll back) together.
 */
export async function recordAudit(
  writer: AuditWriter,
  input: AuditInput,
): Promise<{ id: string; createdAt: Date }> {
  // A malformed action would silently escape the audit page's action filter, so refuse it early.
  if (!ACTION_PATTERN.test(input.action)) throw new Error(`Invalid audit action "${input.action}".`);
  return writer.auditEvent.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      orderId: input.orderId ?? null,
      targetUserId: input.targetUserId ?? null,
      reason: input.reason?.trim() || null,
      details: input.details ?? Prisma.DbNull,
      requestId: currentRequestId() ?? null,
      apiKeyId: currentApiKeyId() ?? null,
    },
    select: { id: true, createdAt: true },
  });
}
