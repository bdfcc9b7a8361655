import { randomBytes } from "node:crypto";
import { webCrypto, x509 } from "@/lib/csr/x509";

// The sandbox's own test PKI: a root and an issuing CA, made at first start and kept (as
// PKCS#8 and PEM) with the orders, so certificates issued before a restart still chain.

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface StoredCa {
  rootKeyPkcs8: string;
  rootCertPem: string;
  issuingKeyPkcs8: string;
  issuingCertPem: string;
}

export interface SandboxCa {
  stored: StoredCa;
  root: x509.X509Certificate;
  issuing: x509.X509Certificate;
  issuingKey: CryptoKey;
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f; // positive INTEGER
  return bytes.toString("hex");
}

async function exportKey(key: CryptoKey): Promise<string> {
  return Buffer.from(await webCrypto().subtle.exportKey("pkcs8", key)).toString("base64");
}

async function importKey(pkcs8: string): Promise<CryptoKey> {
  return webCrypto().subtle.importKey("pkcs8", Buffer.from(pkcs8, "base64"), ALGORITHM, true, ["sign"]);
}

async function caExtensions(publicKey: CryptoKey, pathLength: number, issuerKey: CryptoKey) {
  return [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuerKey),
  ];
}

async function generate(): Promise<StoredCa> {
  const subtle = webCrypto().subtle;
  const rootKeys = (await subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const issuingKeys = (await subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = Date.now();
  const rootName = "C=EU, O=Sandbox CA (not trusted), CN=Sandbox eIDAS Test Root";
  const root = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: rootName,
    issuer: rootName,
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + 20 * YEAR_MS),
    publicKey: rootKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: await caExtensions(rootKeys.publicKey, 1, rootKeys.publicKey),
  });
  const issuing = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: "C=EU, O=Sandbox CA (not trusted), CN=Sandbox Qualified Issuing CA",
    issuer: root.subject,
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + 10 * YEAR_MS),
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: await caExtensions(issuingKeys.publicKey, 0, rootKeys.publicKey),
  });
  return {
    rootKeyPkcs8: await exportKey(rootKeys.privateKey),
    rootCertPem: root.toString("pem"),
    issuingKeyPkcs8: await exportKey(issuingKeys.privateKey),
    issuingCertPem: issuing.toString("pem"),
  };
}

/** The CA from storage, or a new one. */
export async function loadOrCreateCa(stored?: StoredCa): Promise<SandboxCa> {
  const ca = stored ?? (await generate());
  return {
    stored: ca,
    root: new x509.X509Certificate(ca.rootCertPem),
    issuing: new x509.X509Certificate(ca.issuingCertPem),
    issuingKey: await importKey(ca.issuingKeyPkcs8),
  };
}

export const CA_SIGNING_ALGORITHM = SIGNING;
export { serial as randomSerial };
