import { createHash, randomInt } from "node:crypto";

// Ten single-use codes, each 60 random bits written as 12 characters of an alphabet without
// look-alikes (no 0/o, 1/l/i). That much entropy makes a plain SHA-256 a safe way to store them
// (no slow hash needed, nothing to guess), and the second-factor throttle limits tries anyway.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 12;

/** A fresh set of codes, formatted for reading ("abcd-efgh-jkmn"). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** A typed code in the stored form: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, "");
}

/** What is stored for a code (and looked up when one is typed). */
export function hashRecoveryCode(input: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(input)).digest("hex");
}

/** Whether typed text looks like a recovery code rather than an authenticator code. */
export function looksLikeRecoveryCode(input: string): boolean {
  return normalizeRecoveryCode(input).length === LENGTH;
}
