import { Secret, TOTP } from "otpauth";

// Authenticator-app codes (RFC 6238: SHA-1, 6 digits, 30-second steps, what every app supports).
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of the server's clock: one, for a phone a little fast or slow. */
export const TOTP_WINDOW = 1;
const ISSUER = "eIDAS Certificate Portal";

/** A new random secret (160 bits, as RFC 4226 recommends), base32 as apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = "account"): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URL an app reads from the QR code. */
export function totpUri(secret: string, accountEmail: string): string {
  return totpOf(secret, accountEmail).toString();
}

/** The 30-second step a time falls in. */
export function totpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a step (tests and the demo's printed accounts compute codes with it). */
export function totpCode(secret: string, step = totpStep()): string {
  return totpOf(secret).generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
}

/**
 * The step a code belongs to when it is valid now (within the window), else null. The caller
 * still has to refuse a step at or before the last one accepted (replay).
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: now, window: TOTP_WINDOW });
  return delta === null ? null : totpStep(now) + delta;
}
