// Real CSRs for tests. Key pairs are generated once per algorithm and process (RSA-4096 takes
// seconds); each call signs a fresh CSR with the cached key.
import { bytesToBase64, toPem } from "@/lib/csr/encoding";
import { subjectToJsonName } from "@/lib/csr/subject";
import type { CsrSubject } from "@/lib/csr/types";
import { webCrypto, x509 } from "@/lib/csr/x509";

export type TestCsrAlgorithm =
  "RSA-1024" | "RSA-2048" | "RSA-3072" | "RSA-4096" | "P-256" | "P-384" | "Ed25519";

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);

function rsa(modulusLength: number) {
  const signing = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  return { key: { ...signing, modulusLength, publicExponent: RSA_EXPONENT }, signing };
}

const ALGORITHMS: Record<TestCsrAlgorithm, { key: Algorithm; signing: Algorithm }> = {
  "RSA-1024": rsa(1024),
  "RSA-2048": rsa(2048),
  "RSA-3072": rsa(3072),
  "RSA-4096": rsa(4096),
  "P-256": {
    key: { name: "ECDSA", namedCurve: "P-256" } as Algorithm,
    signing: { name: "ECDSA", hash: "SHA-256" } as Algorithm,
  },
  "P-384": {
    key: { name: "ECDSA", namedCurve: "P-384" } as Algorithm,
    signing: { name: "ECDSA", hash: "SHA-384" } as Algorithm,
  },
  Ed25519: { key: { name: "Ed25519" }, signing: { name: "Ed25519" } },
};

const keyCache = new Map<TestCsrAlgorithm, Promise<CryptoKeyPair>>();

/** The process-wide key pair for an algorithm (generated on first use). */
export function testKeyPair(algorithm: TestCsrAlgorithm): Promise<CryptoKeyPair> {
  let keys = keyCache.get(algorithm);
  if (!keys) {
    keys = webCrypto().subtle.generateKey(ALGORITHMS[algorithm].key, true, [
      "sign",
      "verify",
    ]) as Promise<CryptoKeyPair>;
    keyCache.set(algorithm, keys);
  }
  return keys;
}

export interface MakeCsrOptions {
  algorithm?: TestCsrAlgorithm;
  subject?: CsrSubject;
  dnsNames?: string[];
  /** Flip a bit in the signature: the CSR still parses but its signature no longer verifies. */
  tamper?: boolean;
}

/** A CSR as PEM. Defaults: RSA-2048, CN example.eu, no SANs. */
export async function makeCsr(opts: MakeCsrOptions = {}): Promise<string> {
  const algorithm = opts.algorithm ?? "RSA-2048";
  const request = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: new x509.Name(subjectToJsonName(opts.subject ?? { commonName: "example.eu" })),
      keys: await testKeyPair(algorithm),
      signingAlgorithm: ALGORITHMS[algorithm].signing,
      extensions: opts.dnsNames?.length
        ? [
            new x509.SubjectAlternativeNameExtension(
              opts.dnsNames.map((value) => ({ type: "dns" as const, value })),
            ),
          ]
        : [],
    },
    webCrypto(),
  );
  const der = new Uint8Array(request.rawData);
  // The signature BIT STRING closes the structure, so the last byte belongs to the signature
  // (for ECDSA: to the INTEGER s inside it, which keeps the DER valid).
  if (opts.tamper) der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
  return toPem(bytesToBase64(der), "CERTIFICATE REQUEST");
}

/** A self-signed certificate as PEM: a real X.509 file that is not a CSR. */
export async function makeCertificatePem(commonName = "example.eu"): Promise<string> {
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: new x509.Name(subjectToJsonName({ commonName })),
      keys: await testKeyPair("P-256"),
      signingAlgorithm: ALGORITHMS["P-256"].signing,
      notBefore: new Date("2026-01-01T00:00:00Z"),
      notAfter: new Date("2027-01-01T00:00:00Z"),
      serialNumber: "01",
    },
    webCrypto(),
  );
  return certificate.toString("pem");
}

/** Strips PEM armour and line breaks: what a customer pastes when they copy only the body. */
export function pemToBase64(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, "").replace(/\s+/g, "");
}

/** DER bytes of a PEM (tests run in Node, so Buffer is fine here). */
export function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pemToBase64(pem), "base64"));
}
