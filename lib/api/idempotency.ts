import "server-only";
import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) for every write of /api/v1.
// The first request with a key inserts its row (the primary key (apiKeyId, key) makes exactly
// one of any number of concurrent requests the first); it runs and stores its answer. A later
// request with the same key and the same fingerprint gets that stored answer without running
// again; with another fingerprint, 422; while the first is still running, 409. A request that
// failed unexpectedly (5xx) forgets its row, so the client may try again: the order commands'
// own claims still keep a retried send from reaching the CA twice.

/** How long a key's answer is kept (the expiry job deletes older rows). */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The key from the header: a structured-field string (RFC 8941, `"…"`) as the draft says, or
 * the bare token many clients send. Null when absent; "invalid" when present but unusable.
 */
export function idempotencyKeyOf(header: string | null): string | null | "invalid" {
  if (header === null) return null;
  const value = header.trim();
  const unquoted =
    value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  return KEY_PATTERN.test(unquoted) && !unquoted.includes('"') ? unquoted : "invalid";
}

/** What identifies "the same request": method, path and the exact body bytes. */
export function fingerprintOf(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n`).update(body).digest("hex");
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type IdempotencyStart =
  { kind: "first" } | { kind: "replay"; answer: StoredAnswer } | { kind: "mismatch" } | { kind: "in_flight" };

export async function beginIdempotent(
  apiKeyId: string,
  key: string,
  fingerprint: string,
): Promise<IdempotencyStart> {
  const prisma = await db();
  const inserted = await prisma.$executeRaw`
    INSERT INTO "ApiIdempotency" ("apiKeyId", "key", "fingerprint")
    VALUES (${apiKeyId}, ${key}, ${fingerprint}) ON CONFLICT DO NOTHING`;
  if (inserted === 1) return { kind: "first" };
  const row = await prisma.apiIdempotency.findUnique({
    where: { apiKeyId_key: { apiKeyId, key } },
    select: { fingerprint: true, status: true, response: true },
  });
  // Forgotten between the insert and the read (the first failed): the client may send it again.
  if (!row) return { kind: "in_flight" };
  if (row.fingerprint !== fingerprint) return { kind: "mismatch" };
  if (row.status === null) return { kind: "in_flight" };
  return { kind: "replay", answer: { status: row.status, body: row.response } };
}

export async function finishIdempotent(apiKeyId: string, key: string, answer: StoredAnswer): Promise<void> {
  const prisma = await db();
  await prisma.apiIdempotency.update({
    where: { apiKeyId_key: { apiKeyId, key } },
    data: { status: answer.status, response: (answer.body ?? Prisma.JsonNull) as Prisma.InputJsonValue },
  });
}

export async function forgetIdempotent(apiKeyId: string, key: string): Promise<void> {
  const prisma = await db();
  await prisma.apiIdempotency.deleteMany({ where: { apiKeyId, key } });
}

/** Deletes stored keys older than IDEMPOTENCY_TTL_HOURS (the hourly job); returns how many. */
export async function expireIdempotencyKeys(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.apiIdempotency.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000) } },
  });
  return count;
}
