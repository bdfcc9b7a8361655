import { isVerifiableSignature } from "./algorithms";
import { parseCsr, type ParsedCsr } from "./decode";
import { hasStrictSignatureEncoding } from "./der";
import type { DecodedCsr } from "./types";
import { webCrypto } from "./x509";

/** Checks the self-signature of an already parsed request; false whenever it cannot be checked. */
export async function verifyParsedCsr({ csr, request }: ParsedCsr): Promise<boolean> {
  if (csr.key.algorithm === "unknown" || !isVerifiableSignature(csr.signatureAlgorithm)) {
    return false;
  }
  if (!hasStrictSignatureEncoding(new Uint8Array(request.rawData))) return false;
  try {
    return await request.verify(webCrypto());
  } catch {
    // WebCrypto refuses keys it cannot import (unknown curves, key/signature mismatch).
    return false;
  }
}

/**
 * Checks that the CSR was signed with the private key of the public key it carries (proof of
 * possession). Works from the DER in `csr.base64`, so edited fields of the object do not count.
 * Never throws; false for algorithms that cannot be verified.
 */
export async function verifyCsrSignature(csr: DecodedCsr): Promise<boolean> {
  const result = parseCsr(csr.base64);
  return result.ok ? verifyParsedCsr(result.parsed) : false;
}
