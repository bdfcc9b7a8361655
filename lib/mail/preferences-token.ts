import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// The one-click link in every mail's footer: it lets whoever holds the mail change that user's
// mail preferences without signing in (RFC 8058 one-click unsubscribe needs exactly that), and
// nothing else. HMAC-SHA256 over "user id.expiry" with a key derived from AUTH_SECRET, so all
// instances agree and rotating AUTH_SECRET voids old links.

const TTL_DAYS = 60;

const state = globalThis as unknown as { __mailTokenKey?: Buffer };

function key(): Buffer {
  if (state.__mailTokenKey) return state.__mailTokenKey;
  const secret = env().AUTH_SECRET;
  if (!secret) logger.warn("AUTH_SECRET is unset: mail preference links work only until this process stops");
  const ikm = secret ? Buffer.from(secret, "utf8") : randomBytes(32);
  state.__mailTokenKey = Buffer.from(hkdfSync("sha256", ikm, "", "portal mail preferences v1", 32));
  return state.__mailTokenKey;
}

const mac = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

/** A token for `userId`'s preferences, valid for TTL_DAYS. */
export function signPreferencesToken(userId: string, now = Date.now()): string {
  const payload = `${Buffer.from(userId, "utf8").toString("base64url")}.${Math.floor(now / 1000) + TTL_DAYS * 86_400}`;
  return `${payload}.${mac(payload)}`;
}

/** The user id a token was made for, or null when it is forged, altered or expired. */
export function verifyPreferencesToken(token: string, now = Date.now()): string | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [user, expiry, signature] = parts as [string, string, string];
  const expected = Buffer.from(mac(`${user}.${expiry}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!/^\d+$/.test(expiry) || Number(expiry) * 1000 < now) return null;
  return Buffer.from(user, "base64url").toString("utf8") || null;
}
