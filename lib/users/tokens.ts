import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { AccountTokenPurpose, Prisma } from "@/lib/generated/prisma/client";

// Single-use links sent by e-mail. The link carries 32 random bytes (base64url, 43 characters);
// the database keeps only their SHA-256, so a copy of the table or a log of queries opens no
// account. A token is good for one purpose, one account, until it expires or is used once.

/** How long each kind of link works. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 60 * 60 * 1000,
  PASSWORD_RESET: 45 * 60 * 1000,
  EMAIL_CHANGE: 24 * 60 * 60 * 1000,
};

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh random token; callers that need the same work whether or not they store it use it too. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Stores a new token for the account and returns it (to be put in a link, never logged) with its
 * row's id (for a mail's dedupe key). Earlier
 * unused tokens of the same purpose are deleted: one live link per account and purpose, so an
 * older mail stops working when a newer one is sent. Call it in the transaction that queues the mail.
 */
export async function issueToken(
  tx: Prisma.TransactionClient,
  input: { userId: string; purpose: AccountTokenPurpose; newEmail?: string; now?: Date },
): Promise<{ token: string; id: string }> {
  const now = input.now ?? new Date();
  await tx.accountToken.deleteMany({ where: { userId: input.userId, purpose: input.purpose } });
  const token = newToken();
  const { id } = await tx.accountToken.create({
    select: { id: true },
    data: {
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      newEmail: input.newEmail ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
    },
  });
  return { token, id };
}

export interface LiveToken {
  id: string;
  userId: string;
  newEmail: string | null;
  email: string;
  name: string;
}

/**
 * The live token a link carries, or null when it is malformed, unknown, for another purpose,
 * used, expired, or for an account that is disabled. Reads only: showing the page a link opens
 * must not use the token up (mail scanners open links too).
 */
export async function findLiveToken(
  tx: Prisma.TransactionClient,
  token: unknown,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<LiveToken | null> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return null;
  const row = await tx.accountToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      userId: true,
      purpose: true,
      newEmail: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true, name: true, disabled: true } },
    },
  });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now || row.user.disabled) return null;
  return {
    id: row.id,
    userId: row.userId,
    newEmail: row.newEmail,
    email: row.user.email,
    name: row.user.name,
  };
}

/**
 * Uses the token up, once: of two requests racing with the same link only one gets it. Returns
 * the token's account, or null (as findLiveToken) and then nothing was changed.
 */
export async function consumeToken(
  tx: Prisma.TransactionClient,
  token: unknown,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<LiveToken | null> {
  const live = await findLiveToken(tx, token, purpose, now);
  if (!live) return null;
  const { count } = await tx.accountToken.updateMany({
    where: { id: live.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1 ? live : null;
}

/** What a link whose token is missing, cut short or altered shows (a well-formed dead one says why). */
export const LINK_MALFORMED =
  "This link is incomplete or not valid. Open the link from the latest mail, or ask for a new one.";

export type LinkState =
  | { state: "malformed" }
  | { state: "dead" }
  | { state: "used" | "live"; email: string; newEmail: string | null };

/** Whether a link's token has the shape the portal makes (43 base64url characters). */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

/**
 * Why a link works or not, to tell its holder before they click (reads only). "dead" covers
 * unknown, expired, replaced and disabled: a replaced token's row is gone, so it cannot be told
 * apart from an unknown one. The holder of a used link learns only what the link itself did.
 */
export async function linkState(
  tx: Prisma.TransactionClient,
  token: unknown,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<LinkState> {
  if (!isWellFormedToken(token)) return { state: "malformed" };
  const row = await tx.accountToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      purpose: true,
      newEmail: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true, disabled: true } },
    },
  });
  if (!row || row.purpose !== purpose || row.user.disabled) return { state: "dead" };
  const known = { email: row.user.email, newEmail: row.newEmail };
  if (row.usedAt) return { state: "used", ...known };
  return row.expiresAt <= now ? { state: "dead" } : { state: "live", ...known };
}
