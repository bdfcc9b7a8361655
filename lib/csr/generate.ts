import { bytesToBase64, toPem } from "./encoding";
import { normaliseDomain, unique } from "./policy";
import { subjectToJsonName } from "./subject";
import type { CsrGenerationAlgorithm, CsrSubject } from "./types";
import { webCrypto, x509 } from "./x509";

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);

// RSA keys sign with PKCS#1 v1.5 (what every CA accepts); ECDSA uses the hash matching the curve.
const ALGORITHMS: Record<
  CsrGenerationAlgorithm,
  { key: RsaHashedKeyGenParams | EcKeyGenParams; signing: RsaHashedImportParams | EcdsaParams }
> = {
  "RSA-2048": {
    key: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: RSA_EXPONENT, hash: "SHA-256" },
    signing: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } satisfies RsaHashedImportParams,
  },
  "RSA-3072": {
    key: { name: "RSASSA-PKCS1-v1_5", modulusLength: 3072, publicExponent: RSA_EXPONENT, hash: "SHA-256" },
    signing: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } satisfies RsaHashedImportParams,
  },
  "P-256": {
    key: { name: "ECDSA", namedCurve: "P-256" },
    signing: { name: "ECDSA", hash: "SHA-256" } satisfies EcdsaParams,
  },
  "P-384": {
    key: { name: "ECDSA", namedCurve: "P-384" },
    signing: { name: "ECDSA", hash: "SHA-384" } satisfies EcdsaParams,
  },
};

export interface GenerateKeyAndCsrOptions {
  algorithm: CsrGenerationAlgorithm;
  subject: CsrSubject;
  dnsNames?: string[];
}

/**
 * Creates a key pair and a CSR for it with WebCrypto, in the browser so the private key never
 * reaches our servers. The private key comes back as unencrypted PKCS#8 PEM and as the (extractable)
 * CryptoKey, for the customer to save and the browser to keep; the CSR carries the subject
 * (organizationIdentifier included) and the names as SANs.
 */
export async function generateKeyAndCsr(
  opts: GenerateKeyAndCsrOptions,
): Promise<{ csrPem: string; privateKeyPem: string; privateKey: CryptoKey }> {
  const spec = ALGORITHMS[opts.algorithm];
  if (!spec) throw new Error(`Unsupported key algorithm: ${String(opts.algorithm)}`);
  const crypto = webCrypto();
  const keys = (await crypto.subtle.generateKey(spec.key, true, ["sign", "verify"])) as CryptoKeyPair;

  const dnsNames = unique((opts.dnsNames ?? []).map(normaliseDomain).filter(Boolean));
  const extensions =
    dnsNames.length > 0
      ? [new x509.SubjectAlternativeNameExtension(dnsNames.map((value) => ({ type: "dns" as const, value })))]
      : [];
  const request = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: new x509.Name(subjectToJsonName(opts.subject)),
      keys,
      signingAlgorithm: spec.signing,
      extensions,
    },
    crypto,
  );

  const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  return {
    csrPem: toPem(bytesToBase64(new Uint8Array(request.rawData)), "CERTIFICATE REQUEST"),
    privateKeyPem: toPem(bytesToBase64(new Uint8Array(pkcs8)), "PRIVATE KEY"),
    privateKey: keys.privateKey,
  };
}
