import "server-only";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { REDACTED } from "@/lib/sectigo/wire";

// The one secret scrubber of the read models. The Sectigo client already redacts the password
// before a request is stored; this is the second net every page that renders a stored request,
// raw answer, message or audit detail goes through: whatever an older release or a bug stored,
// no value under a password-like key and no occurrence of the configured password leaves.

const SECRET_KEY = /password|secret/i;

/** The password to mask, or null when none is configured or it is too short to mask safely. */
function maskable(password: string | undefined): string | null {
  return password && password.length >= 4 ? password : null;
}

/** A JSON value with password-like keys and the configured Sectigo password redacted. */
export function scrubSecrets(
  value: Prisma.JsonValue,
  password = env().SECTIGO_LOGIN_PASSWORD,
): Prisma.JsonValue {
  const secret = maskable(password);
  const scrubText = (text: string) => (secret ? text.split(secret).join(REDACTED) : text);
  const walk = (node: Prisma.JsonValue): Prisma.JsonValue => {
    if (typeof node === "string") return scrubText(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node).map(([key, inner]) => [
          key,
          SECRET_KEY.test(key) && inner !== null ? REDACTED : walk(inner as Prisma.JsonValue),
        ]),
      );
    }
    return node;
  };
  return walk(value);
}

/** The text form of scrubSecrets, for raw response bodies and messages. */
export function scrubSecretText(text: string | null, password = env().SECTIGO_LOGIN_PASSWORD): string | null {
  if (text === null) return null;
  const scrubbed = scrubSecrets(text, password) as string;
  // A body that echoes form parameters (`loginPassword=...`) is masked up to the next separator.
  return scrubbed.replace(/(loginPassword["']?\s*[=:]\s*["']?)[^&\s"'<,}]+/gi, `$1${REDACTED}`);
}

interface StoredAttempt {
  request?: Prisma.JsonValue;
  responseBody?: string | null;
  message?: string | null;
}

/** An attempt as a page renders it: whichever of request, raw answer and message it selected, scrubbed. */
export function scrubAttempt<T extends StoredAttempt>(
  attempt: T,
  password = env().SECTIGO_LOGIN_PASSWORD,
): T {
  const scrubbed: T = { ...attempt };
  if (attempt.request !== undefined) scrubbed.request = scrubSecrets(attempt.request, password);
  if (attempt.responseBody !== undefined)
    scrubbed.responseBody = scrubSecretText(attempt.responseBody, password);
  if (attempt.message !== undefined) scrubbed.message = scrubSecretText(attempt.message, password);
  return scrubbed;
}

/** An audit event with its details scrubbed. */
export function scrubAuditEvent<T extends { details: Prisma.JsonValue | null }>(
  event: T,
  password = env().SECTIGO_LOGIN_PASSWORD,
): T {
  return { ...event, details: event.details === null ? null : scrubSecrets(event.details, password) };
}
