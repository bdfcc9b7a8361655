import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { hashApiKey, looksLikeApiKey } from "@/lib/api-keys/secret";

/** lastUsedAt is written at most this often per key, not on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiCaller {
  keyId: string;
  organizationId: string;
  /** The key's own account, a member of its organization: what the order commands are given. */
  user: SessionUser;
}

/**
 * The caller of an API request from its `Authorization: Bearer <key>` header, or null for a
 * missing, malformed, unknown, revoked or expired key (all answered alike, with 401). Checked
 * on every call against the database, so a revocation takes effect on the next request.
 */
export async function authenticateApiKey(authorization: string | null): Promise<ApiCaller | null> {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? "");
  if (!match || !looksLikeApiKey(match[1]!)) return null;
  const prisma = await db();
  const key = await prisma.apiKey.findUnique({
    where: { secretHash: hashApiKey(match[1]!) },
    select: {
      id: true,
      organizationId: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true } },
    },
  });
  const now = new Date();
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so many parallel calls write once; losing the race is fine.
    await prisma.apiKey.updateMany({
      where: {
        id: key.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  return { keyId: key.id, organizationId: key.organizationId, user: key.user };
}
