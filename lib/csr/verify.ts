import { isVerifiableSignature, RSA_ENCRYPTION } from "./algorithms";
import { parseCsr, type ParsedCsr } from "./decode";
import { hasStrictSignatureEncoding, readSignedParts } from "./der";
import { verifyPss } from "./pss";
import { readPssParameters, readRsaPublicKey } from "./request";
import type { DecodedCsr } from "./types";
import { webCrypto } from "./x509";

/**
 * RSASSA-PSS: WebCrypto where it can (the MGF1 hash equals the message hash and the key is a
 * plain rsaEncryption key), RFC 8017's steps otherwise (pss.ts). The parameters come from the
 * CSR's own DER either way, so x509's reading of them (hash and salt only) does not decide.
 */
async function verifyPssCsr({ algorithms, request }: ParsedCsr): Promise<boolean> {
  const { structure } = request;
  const params = readPssParameters(structure.signatureAlgorithm);
  const key = readRsaPublicKey(algorithms.publicKey);
  if (!params || !key) return false;
  if (algorithms.keyOid !== RSA_ENCRYPTION) {
    // An RSASSA-PSS key may restrict its signatures (RFC 4055 §3.1): same hash and MGF1 hash,
    // a salt at least as long. Without parameters it is unrestricted.
    const spkiAlgorithm = structure.certificationRequestInfo.subjectPKInfo.algorithm;
    const restriction = spkiAlgorithm.parameters ? readPssParameters(spkiAlgorithm) : undefined;
    if (restriction === null) return false;
    if (
      restriction &&
      (restriction.hash !== params.hash ||
        restriction.mgf1Hash !== params.mgf1Hash ||
        params.saltLength < restriction.saltLength)
    ) {
      return false;
    }
  } else if (params.mgf1Hash === params.hash) {
    return request.verify(webCrypto());
  }
  const parts = readSignedParts(new Uint8Array(request.rawData));
  return parts ? verifyPss(key, params, parts.signed, parts.signature) : false;
}

/** Checks the self-signature of an already parsed request; false whenever it cannot be checked. */
export async function verifyParsedCsr(parsed: ParsedCsr): Promise<boolean> {
  const { csr, request } = parsed;
  if (csr.key.algorithm === "unknown" || !isVerifiableSignature(csr.signatureAlgorithm)) {
    return false;
  }
  if (!hasStrictSignatureEncoding(new Uint8Array(request.rawData))) return false;
  try {
    if (csr.signatureAlgorithm === "rsassa-pss") return await verifyPssCsr(parsed);
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
