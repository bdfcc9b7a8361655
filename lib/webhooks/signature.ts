import { createHmac, randomBytes } from "node:crypto";
import { openSecret, sealSecret } from "@/lib/auth/two-factor/secret-box";
import { env } from "@/lib/env";

// The Standard Webhooks scheme (https://www.standardwebhooks.com/): the secret is "whsec_" and
// the base64 of 24–64 random bytes; each delivery carries webhook-id, webhook-timestamp (Unix
// seconds) and webhook-signature "v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`>".
// tests/integration/webhooks.test.ts verifies these with the reference implementation.

const PREFIX = "whsec_";

/** A fresh signing secret, shown to the owner once. */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

/** The signature header's value for one delivery. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The three headers of a delivery of `body` as message `id` at `now`. */
export function webhookHeaders(
  secret: string,
  id: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
  };
}

const STORAGE_INFO = "eidas-portal webhook signing secret v1";

/** The secret as stored: sealed under AUTH_SECRET, so a database copy alone signs nothing. */
export function sealWebhookSecret(secret: string): string {
  return sealSecret(secret, env().AUTH_SECRET ?? "", STORAGE_INFO);
}

/** The signing secret of a stored endpoint. */
export function openWebhookSecret(stored: string): string {
  return openSecret(stored, env().AUTH_SECRET ?? "", STORAGE_INFO);
}
