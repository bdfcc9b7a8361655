import { decodeCsr } from "@/lib/csr";
import { subjectToJsonName } from "@/lib/csr/subject";
import type { CsrSubject } from "@/lib/csr/types";
import { webCrypto, x509 } from "@/lib/csr/x509";
import { encodeQcStatements, QC_STATEMENTS_OID, type Psd2Role, type QcType } from "@/lib/eidas/qc-statements";
import { QUALIFIED_POLICIES, type QualifiedPolicy } from "@/lib/eidas/policies";
import { getProduct, type Product } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";
import { PSD2_ROLE_KEYS } from "@/lib/sectigo/registry";
import { decodeWireParams } from "@/lib/sectigo/wire";
import { CA_SIGNING_ALGORITHM, randomSerial, type SandboxCa } from "./ca";
import type { SandboxOrder } from "./state";

// Real X.509 certificates from the order's CSR public key, with what each product carries:
// subject from the order, SANs for QWACs, key usage per type and the eIDAS QCStatements.

export interface IssuedCertificate {
  certificatePem: string;
  /** Issuing CA first, then the root. */
  chainPem: string[];
  serialNumber: string;
  notBefore: string;
  notAfter: string;
}

const PDS = [{ url: "https://sandbox.invalid/pds/pds_en.pdf", language: "en" }];

// TS 119 495 role names, in the order of the registry's four role flags.
const ROLE_NAMES: readonly Psd2Role[] = ["PSP_AS", "PSP_PI", "PSP_AI", "PSP_IC"];

const EKU = { serverAuth: "1.3.6.1.5.5.7.3.1", clientAuth: "1.3.6.1.5.5.7.3.2", email: "1.3.6.1.5.5.7.3.4" };

export function qcTypeOf(product: Product): QcType {
  if (product.qwac) return "web";
  return product.person === "legal" ? "eseal" : "esign";
}

function policyOf(product: Product): string[] {
  const policies: QualifiedPolicy[] = product.qwac
    ? product.psd2
      ? ["web", "webPsd2"]
      : ["web"]
    : product.person === "legal"
      ? [product.qscd ? "legalQscd" : "legal"]
      : [product.qscd ? "naturalQscd" : "natural"];
  return policies.map((p) => QUALIFIED_POLICIES[p].oid);
}

type Values = ReturnType<typeof decodeWireParams>["values"];
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

function psd2OrganizationIdentifier(values: Values, orderNumber: string): string {
  // TS 119 495 §5.2.1: "PSD" + NCA country + "-" + NCA id + "-" + the PSP's identifier.
  return `PSD${str(values.ncaId) ?? "XX-NCA"}-${orderNumber}`;
}

function subjectOf(order: SandboxOrder, product: Product, values: Values, csr: CsrSubject): CsrSubject {
  const domains = (values.domainNames as string[] | undefined) ?? [];
  const commonName = product.qwac
    ? (str(values.primaryDomainName) ?? domains[0] ?? csr.commonName)
    : (csr.commonName ?? str(values.organizationName));
  const legal = product.person === "legal";
  return {
    countryName: str(values.countryName) ?? csr.countryName,
    localityName: str(values.localityName) ?? csr.localityName,
    organizationName: str(values.organizationName) ?? csr.organizationName,
    organizationIdentifier: legal
      ? (str(values.organizationIdentifier) ??
        (product.psd2 ? psd2OrganizationIdentifier(values, order.orderNumber) : csr.organizationIdentifier))
      : undefined,
    serialNumber: legal ? undefined : (str(values.personalIdentifier) ?? csr.serialNumber),
    givenName: csr.givenName,
    surname: csr.surname,
    commonName,
  };
}

function keyUsage(product: Product, rsa: boolean): number {
  const F = x509.KeyUsageFlags;
  if (product.qwac) return F.digitalSignature | (rsa ? F.keyEncipherment : 0);
  return F.digitalSignature | F.nonRepudiation;
}

const TOKEN_KEY = { name: "ECDSA", namedCurve: "P-256" } as const;

async function tokenPublicKey(): Promise<x509.PublicKey> {
  const keys = (await webCrypto().subtle.generateKey(TOKEN_KEY, true, ["sign", "verify"])) as CryptoKeyPair;
  return new x509.PublicKey(await webCrypto().subtle.exportKey("spki", keys.publicKey));
}

/** Issues the order's certificate under the sandbox's issuing CA. */
export async function issueCertificate(order: SandboxOrder, ca: SandboxCa): Promise<IssuedCertificate> {
  const product = getProduct(order.product);
  if (!product) throw new Error(`Unknown product ${order.product}`);
  const values = decodeWireParams(new URLSearchParams(order.params)).values;
  const decoded = decodeCsr(String(values.csr ?? ""));
  if (!decoded.ok) throw new Error("The order's CSR does not decode");
  const request = new x509.Pkcs10CertificateRequest(decoded.csr.pem);
  // A token's key is made on the token (a QSCD); the CSR only names the subject. The sandbox
  // stands in for the token with a key of its own, so the certificate's key is never the CSR's.
  const token = productShipsToken(product, values as Record<string, unknown>);
  const publicKey = token ? await tokenPublicKey() : request.publicKey;
  const rsa = !token && decoded.csr.key.algorithm === "RSA";

  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(keyUsage(product, rsa), true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(ca.issuing),
    new x509.CertificatePolicyExtension(policyOf(product)),
  ];
  if (product.qwac) {
    const domains = (values.domainNames as string[] | undefined) ?? decoded.csr.dnsNames;
    extensions.push(
      new x509.SubjectAlternativeNameExtension(domains.map((value) => ({ type: "dns" as const, value }))),
    );
    extensions.push(new x509.ExtendedKeyUsageExtension([EKU.serverAuth, EKU.clientAuth]));
  } else if (product.person === "natural") {
    extensions.push(new x509.ExtendedKeyUsageExtension([EKU.email]));
  }
  const psd2 = product.psd2
    ? {
        roles: ROLE_NAMES.filter((_, i) => values[PSD2_ROLE_KEYS[i]!] === true),
        ncaName: str(values.ncaName) ?? str(values.ncaId) ?? "",
        ncaId: str(values.ncaId) ?? "",
      }
    : undefined;
  const qc = encodeQcStatements({
    compliance: true,
    types: [qcTypeOf(product)],
    sscd: product.qscd,
    pds: PDS,
    ...(psd2 ? { psd2 } : {}),
  });
  extensions.push(new x509.Extension(QC_STATEMENTS_OID, false, qc));

  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + order.days * 24 * 3600 * 1000);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: new x509.Name(subjectToJsonName(subjectOf(order, product, values, decoded.csr.subject))),
    issuer: ca.issuing.subject,
    notBefore,
    notAfter,
    publicKey,
    signingKey: ca.issuingKey,
    signingAlgorithm: CA_SIGNING_ALGORITHM,
    extensions,
  });
  return {
    certificatePem: certificate.toString("pem"),
    chainPem: [ca.issuing.toString("pem"), ca.root.toString("pem")],
    serialNumber: certificate.serialNumber,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
  };
}
