import "server-only";
import { verify } from "node:crypto";
import { ACCEPTED_CURVES, plainSignatureHash } from "./algorithms";
import type { ParsedCsr } from "./decode";
import { hasStrictSignatureEncoding, readSignedParts } from "./der";
import { verifyParsedCsr } from "./verify";

// The server's check of a CSR's self-signature. WebCrypto (verifyParsedCsr) costs most of a
// millisecond of CPU per CSR, nearly all of it importing the key from its SPKI and handing the
// job to a thread; node:crypto checks the same signature synchronously from the RSA key's own
// DER (RSAPublicKey) in a few tens of microseconds. Both end in OpenSSL. Only the common cases
// take this path (PKCS#1 v1.5 with a plain rsaEncryption key, ECDSA on an accepted curve); the
// rest (RSASSA-PSS, Ed25519, anything unusual) goes to WebCrypto, so every answer is the same.

function isNullOrAbsent(parameters: Uint8Array | undefined): boolean {
  return (
    parameters === undefined || (parameters.length === 2 && parameters[0] === 0x05 && parameters[1] === 0)
  );
}

function plainKey(parsed: ParsedCsr, publicKeyInfo: Uint8Array) {
  const { csr, algorithms } = parsed;
  const plain = plainSignatureHash(algorithms.keyOid, csr.signatureAlgorithm);
  if (plain?.key === "RSA" && isNullOrAbsent(algorithms.keyParameters)) {
    const key = { key: Buffer.from(algorithms.publicKey), format: "der", type: "pkcs1" } as const;
    return { hash: plain.hash, key };
  }
  if (plain?.key === "EC" && csr.key.curve && ACCEPTED_CURVES.has(csr.key.curve)) {
    const key = { key: Buffer.from(publicKeyInfo), format: "der", type: "spki" } as const;
    return { hash: plain.hash, key };
  }
  return null;
}

/** verifyParsedCsr's answer, through node:crypto where it can. Never throws. */
export async function verifyParsedCsrOnServer(parsed: ParsedCsr): Promise<boolean> {
  const der = new Uint8Array(parsed.request.rawData);
  const parts = readSignedParts(der);
  const plain = parts && plainKey(parsed, parts.publicKeyInfo);
  if (!parts || !plain) return verifyParsedCsr(parsed);
  // The precondition verifyParsedCsr applies too: the unsigned tail in OpenSSL's strict form.
  if (!hasStrictSignatureEncoding(der)) return false;
  try {
    return verify(plain.hash, parts.signed, plain.key, parts.signature);
  } catch {
    return false;
  }
}
