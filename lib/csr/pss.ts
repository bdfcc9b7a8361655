import { bytesToBigInt, type PssHash, type PssParameters, type RsaPublicNumbers } from "./request";
import { webCrypto } from "./x509";

// RSASSA-PSS verification for the one case WebCrypto cannot do: an MGF1 hash that differs from
// the message hash. WebCrypto's RSA-PSS always masks with the message hash, but RFC 4055 §3.1
// lets the CSR name any MGF1 hash, OpenSSL signs and verifies such CSRs (rsa_mgf1_md), and so a
// valid CSR would be refused as "damaged". The steps are RFC 8017's: RSAVP1 (§5.2.2) and
// EMSA-PSS-VERIFY (§9.1.2) with MGF1 (§B.2.1); the hashing stays with WebCrypto.

const HASH_LENGTHS: Record<PssHash, number> = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 };

async function digest(hash: PssHash, ...parts: Uint8Array[]): Promise<Uint8Array> {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const data = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await webCrypto().subtle.digest(hash, data));
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function toBytes(value: bigint, length: number): Uint8Array | null {
  const bytes = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return rest === 0n ? bytes : null;
}

async function mgf1(hash: PssHash, seed: Uint8Array, length: number): Promise<Uint8Array> {
  const mask = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let offset = 0, i = 0; offset < length; i++) {
    new DataView(counter.buffer).setUint32(0, i);
    const block = await digest(hash, seed, counter);
    mask.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
  }
  return mask;
}

/** RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) of `signature` over `message` with the given parameters. */
export async function verifyPss(
  key: RsaPublicNumbers,
  params: PssParameters,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const { modulus, exponent } = key;
  const modBits = modulus.toString(2).length;
  const k = Math.ceil(modBits / 8);
  // RFC 8017 asks for exactly k octets; OpenSSL also takes a shorter one (leading zeros left
  // out), and a CSR OpenSSL verifies must not be refused here.
  if (modulus < 3n || signature.length === 0 || signature.length > k) return false;
  const s = bytesToBigInt(signature);
  if (s >= modulus) return false;

  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const em = toBytes(modPow(s, exponent, modulus), emLen);
  const hLen = HASH_LENGTHS[params.hash];
  const sLen = params.saltLength;
  if (!em || emLen < hLen + sLen + 2 || em[emLen - 1] !== 0xbc) return false;

  const maskedDb = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const unusedBits = 8 * emLen - emBits;
  const topMask = (0xff << (8 - unusedBits)) & 0xff;
  if (((maskedDb[0] ?? 0) & topMask) !== 0) return false;

  const db = await mgf1(params.mgf1Hash, h, maskedDb.length);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] ?? 0) ^ (maskedDb[i] ?? 0);
  db[0] = (db[0] ?? 0) & ~topMask;
  const padding = emLen - hLen - sLen - 2;
  for (let i = 0; i < padding; i++) if (db[i] !== 0) return false;
  if (db[padding] !== 0x01) return false;

  const salt = db.subarray(db.length - sLen);
  const mHash = await digest(params.hash, message);
  const expected = await digest(params.hash, new Uint8Array(8), mHash, salt);
  return expected.length === h.length && expected.every((byte, i) => byte === h[i]);
}
