import { displayName } from "@/lib/csr/subject";
import { x509 } from "@/lib/csr/x509";

// Every certificate collected from Sectigo is checked before it is stored or offered: the key is
// the one the customer's CSR carries, the chain links by signature up to a self-signed root (one
// of the configured trust anchors when there are any), and the subject names what was ordered.
// A certificate that fails is not stored; the order keeps waiting and support sees why.

export interface CollectedCertificate {
  certificatePem: string;
  /** CA certificates as the CA sent them, in any order. */
  chainPem: string[];
}

export interface VerifiedCertificate {
  certificatePem: string;
  /** Issuing CA first, root last. */
  chainPem: string[];
  /** Upper-case hex, no separators. */
  serialNumber: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, upper-case hex pairs separated by colons (as browsers show it). */
  sha256: string;
}

export interface VerifyExpectations {
  /** The CSR the order was placed with (PEM); absent for keys made on a QSCD token by the CA. */
  csrPem?: string;
  /** Subject attributes the order names; each given one must appear in the certificate. */
  commonName?: string;
  organizationName?: string;
  /** PEM trust anchors; when given, the chain must end in one of them. */
  trustedRoots?: readonly string[];
}

export type VerifyResult = { ok: true; certificate: VerifiedCertificate } | { ok: false; problem: string };

function parse(pem: string): x509.X509Certificate | null {
  try {
    return new x509.X509Certificate(pem.trim());
  } catch {
    return null;
  }
}

function bytesEqual(a: ArrayBuffer, b: ArrayBuffer): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  return x.every((v, i) => v === y[i]);
}

function hexPairs(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

/** The values of one attribute (e.g. "CN") in a distinguished name. */
function attribute(name: x509.Name, short: string): string[] {
  return name.getField(short);
}

function sameName(a: string, b: string): boolean {
  return a.normalize("NFC").trim().toLowerCase() === b.normalize("NFC").trim().toLowerCase();
}

export async function verifyCollected(
  collected: CollectedCertificate,
  expect: VerifyExpectations,
): Promise<VerifyResult> {
  const leaf = parse(collected.certificatePem);
  if (!leaf) return { ok: false, problem: "The certificate Sectigo sent cannot be read." };
  const cas: x509.X509Certificate[] = [];
  for (const pem of collected.chainPem) {
    const ca = parse(pem);
    if (!ca) return { ok: false, problem: "A CA certificate Sectigo sent cannot be read." };
    cas.push(ca);
  }
  const anchors = (expect.trustedRoots ?? []).map(parse);
  if (anchors.some((a) => a === null))
    return { ok: false, problem: "A configured trust anchor cannot be read." };

  if (expect.csrPem) {
    let csrKey: ArrayBuffer;
    try {
      csrKey = new x509.Pkcs10CertificateRequest(expect.csrPem).publicKey.rawData;
    } catch {
      return { ok: false, problem: "The order's CSR cannot be read to compare keys." };
    }
    if (!bytesEqual(csrKey, leaf.publicKey.rawData))
      return { ok: false, problem: "The certificate's public key is not the key of the order's CSR." };
  }

  const subject = leaf.subjectName;
  for (const [short, wanted] of [
    ["CN", expect.commonName],
    ["O", expect.organizationName],
  ] as const) {
    if (!wanted) continue;
    if (!attribute(subject, short).some((v) => sameName(v, wanted)))
      return { ok: false, problem: `The certificate's subject does not name ${short}=${wanted} as ordered.` };
  }

  // Walk up by issuer name and signature; a cycle or a missing link ends the walk.
  const pool = [...cas, ...(anchors as x509.X509Certificate[])];
  const path: x509.X509Certificate[] = [];
  let current = leaf;
  for (let depth = 0; depth < 8; depth++) {
    if (await current.isSelfSigned()) break;
    let issuer: x509.X509Certificate | undefined;
    for (const candidate of pool) {
      if (candidate.subject !== current.issuer || path.includes(candidate)) continue;
      if (await current.verify({ publicKey: candidate.publicKey, signatureOnly: true })) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer)
      return { ok: false, problem: "The chain does not link up to a root: a CA certificate is missing." };
    path.push(issuer);
    current = issuer;
  }
  const root = path.at(-1);
  if (!root || !(await root.isSelfSigned()))
    return { ok: false, problem: "The chain does not end in a root certificate." };
  if (anchors.length > 0 && !anchors.some((a) => a && bytesEqual(a.rawData, root.rawData)))
    return { ok: false, problem: "The chain ends in a root that is not one of the trusted roots." };

  const now = Date.now();
  if (leaf.notAfter.getTime() <= now) return { ok: false, problem: "The certificate has already expired." };

  const digest = await crypto.subtle.digest("SHA-256", leaf.rawData);
  return {
    ok: true,
    certificate: {
      certificatePem: leaf.toString("pem"),
      chainPem: path.map((c) => c.toString("pem")),
      serialNumber: leaf.serialNumber.toUpperCase(),
      // Stored as people read them; the chain walk above compares the library's own strings.
      subject: displayName(leaf.subjectName),
      issuer: displayName(leaf.issuerName),
      notBefore: leaf.notBefore,
      notAfter: leaf.notAfter,
      sha256: hexPairs(digest),
    },
  };
}
