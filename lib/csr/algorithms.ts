import type { CsrKeyAlgorithm, DecodedCsr } from "./types";

export const RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
const RSASSA_PSS = "1.2.840.113549.1.1.10";
const EC_PUBLIC_KEY = "1.2.840.10045.2.1";
const ED25519 = "1.3.101.112";

const KEY_ALGORITHMS: Record<string, CsrKeyAlgorithm> = {
  [RSA_ENCRYPTION]: "RSA",
  // An RSA key restricted to PSS is still an RSA key of the same size.
  [RSASSA_PSS]: "RSA",
  [EC_PUBLIC_KEY]: "EC",
  [ED25519]: "Ed25519",
};

export function keyAlgorithmOf(oid: string): CsrKeyAlgorithm {
  return KEY_ALGORITHMS[oid] ?? "unknown";
}

/** Readable names for key algorithm OIDs the CA rejects, used in customer messages. */
export const KEY_ALGORITHM_NAMES: Record<string, string> = {
  [ED25519]: "Ed25519",
  "1.3.101.113": "Ed448",
  "1.2.840.10040.4.1": "DSA",
  "1.2.643.7.1.1.1.1": "GOST R 34.10-2012",
  "1.2.156.10197.1.301": "SM2",
};

export const CURVE_NAMES: Record<string, string> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
  "1.3.132.0.10": "secp256k1",
  "1.2.840.10045.3.1.1": "P-192",
  "1.3.132.0.33": "P-224",
  "1.3.36.3.3.2.8.1.1.7": "brainpoolP256r1",
  "1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
  "1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
};

/** Curves Sectigo accepts for ECDSA keys. */
export const ACCEPTED_CURVES: ReadonlySet<string> = new Set(["P-256", "P-384", "P-521"]);

export const MIN_RSA_BITS = 2048;

export function isAcceptedKeyAlgorithm(key: DecodedCsr["key"]): boolean {
  if (key.algorithm === "RSA") return true;
  return key.algorithm === "EC" && key.curve !== undefined && ACCEPTED_CURVES.has(key.curve);
}

const SIGNATURE_ALGORITHM_NAMES: Record<string, string> = {
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  [RSASSA_PSS]: "rsassa-pss",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.1": "ecdsa-with-SHA224",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  [ED25519]: "Ed25519",
  "1.3.101.113": "Ed448",
  "1.2.840.10040.4.3": "dsa-with-sha1",
  "2.16.840.1.101.3.4.3.2": "dsa-with-sha256",
};

export function signatureAlgorithmName(oid: string): string {
  return SIGNATURE_ALGORITHM_NAMES[oid] ?? oid;
}

// Signature algorithms WebCrypto can check. A CSR signed with anything else (MD5, DSA, ...)
// is reported as an unsupported algorithm rather than as a broken signature.
const VERIFIABLE_SIGNATURES: ReadonlySet<string> = new Set([
  "sha1WithRSAEncryption",
  "sha256WithRSAEncryption",
  "sha384WithRSAEncryption",
  "sha512WithRSAEncryption",
  "rsassa-pss",
  "ecdsa-with-SHA1",
  "ecdsa-with-SHA256",
  "ecdsa-with-SHA384",
  "ecdsa-with-SHA512",
  "Ed25519",
]);

export function isVerifiableSignature(name: string): boolean {
  return VERIFIABLE_SIGNATURES.has(name);
}

// The digest of each PKCS#1 v1.5 and ECDSA signature algorithm, by the key it needs; the
// server's node:crypto check (verify-server.ts) handles these and leaves the rest to WebCrypto.
const RSA_PKCS1_HASHES: Record<string, string> = {
  sha1WithRSAEncryption: "sha1",
  sha256WithRSAEncryption: "sha256",
  sha384WithRSAEncryption: "sha384",
  sha512WithRSAEncryption: "sha512",
};
const ECDSA_HASHES: Record<string, string> = {
  "ecdsa-with-SHA1": "sha1",
  "ecdsa-with-SHA256": "sha256",
  "ecdsa-with-SHA384": "sha384",
  "ecdsa-with-SHA512": "sha512",
};

/** The digest of a signature that is PKCS#1 v1.5 with an rsaEncryption key, or ECDSA; else undefined. */
export function plainSignatureHash(
  keyOid: string,
  signatureName: string,
): { key: "RSA" | "EC"; hash: string } | undefined {
  if (keyOid === RSA_ENCRYPTION && RSA_PKCS1_HASHES[signatureName]) {
    return { key: "RSA", hash: RSA_PKCS1_HASHES[signatureName] };
  }
  if (keyOid === EC_PUBLIC_KEY && ECDSA_HASHES[signatureName]) {
    return { key: "EC", hash: ECDSA_HASHES[signatureName] };
  }
  return undefined;
}
