import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// TOTP secrets are stored encrypted (AES-256-GCM) under a key derived from AUTH_SECRET with HKDF,
// so a copy of the database alone (a backup, an export) gives nobody the codes. The version
// prefix lets the key or cipher change later without guessing the format of old rows. Other
// stored secrets (webhook signing secrets) pass an `info` of their own: a key per purpose.
const VERSION = "v1";
const INFO = "eidas-portal totp secret v1";

function keyFrom(authSecret: string, info: string): Buffer {
  if (!authSecret) throw new Error("AUTH_SECRET is needed to protect stored secrets.");
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), info, 32));
}

/** Encrypts a secret for storage; each call uses a fresh random nonce. */
export function sealSecret(plain: string, authSecret: string, info = INFO): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(authSecret, info), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** Decrypts a stored secret; throws when it was altered or sealed under another key. */
export function openSecret(sealed: string, authSecret: string, info = INFO): string {
  const [version, data] = sealed.split(":");
  if (version !== VERSION || !data) throw new Error("Unknown format of a stored secret.");
  const raw = Buffer.from(data, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(authSecret, info), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
