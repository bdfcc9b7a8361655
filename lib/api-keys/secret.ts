import { createHash, randomBytes } from "node:crypto";

// An API key is a recognisable prefix and 32 random bytes (base64url). Only the SHA-256 of the
// whole key is stored: the key is shown once, and a leaked table gives nobody a working key.
// A fast hash is enough for 256 random bits (no dictionary to guess from), and lets every call
// find its key by one indexed lookup.

/** What every key starts with, so secret scanners and people can tell what a leaked string is. */
export const KEY_PREFIX = "eidas_live_";
const SHOWN_CHARS = KEY_PREFIX.length + 6;
const KEY_PATTERN = /^eidas_live_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new key: the secret (shown once), its hash (stored) and the part shown in the key list. */
export function newApiKey(): { secret: string; hash: string; prefix: string } {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashApiKey(secret), prefix: secret.slice(0, SHOWN_CHARS) };
}

/** Whether a string has a key's shape (checked before any database lookup). */
export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
