import { AsnConvert } from "@peculiar/asn1-schema";
import { SubjectPublicKeyInfo } from "@peculiar/asn1-x509";
import { CURVE_NAMES, keyAlgorithmOf } from "@/lib/csr/algorithms";
import { decodeDerOid, rsaModulusBits } from "@/lib/csr/der";
import { displayName } from "@/lib/csr/subject";
import { x509 } from "@/lib/csr/x509";
import { describePolicy } from "@/lib/eidas/policies";
import {
  decodeQcStatements,
  QC_STATEMENTS_OID,
  type Psd2Role,
  type QcStatementsInfo,
  type QcType,
} from "@/lib/eidas/qc-statements";

// What a customer checks on an issued certificate, read from the stored PEM: the key, the names
// it is valid for, and what its eIDAS statements and policies say, in plain words.

const QC_TYPE_WORDS: Record<QcType, string> = {
  esign: "for electronic signatures of a natural person (QcType esign)",
  eseal: "for electronic seals of a legal person (QcType eseal)",
  web: "for website authentication (QcType web)",
};

const PSD2_ROLE_WORDS: Record<Psd2Role, string> = {
  PSP_AS: "account servicing (PSP_AS)",
  PSP_PI: "payment initiation (PSP_PI)",
  PSP_AI: "account information (PSP_AI)",
  PSP_IC: "issuing card-based payment instruments (PSP_IC)",
};

export interface CertificateDetails {
  /** Subject and issuer with attribute names (organizationIdentifier, serialNumber), not OIDs. */
  subject: string;
  issuer: string;
  /** e.g. "RSA 2048 bits", "ECDSA P-256". */
  key: string;
  /** DNS names, e-mail addresses and IP addresses the certificate names (SAN). */
  altNames: string[];
  /** One sentence per eIDAS statement; empty for a certificate without them. */
  statements: string[];
  /** Qualified policies, e.g. "QCP-w: qualified website authentication certificate (QWAC)". */
  policies: string[];
}

function keyWords(certificate: x509.X509Certificate): string {
  const spki = AsnConvert.parse(certificate.publicKey.rawData, SubjectPublicKeyInfo);
  const algorithm = keyAlgorithmOf(spki.algorithm.algorithm);
  if (algorithm === "RSA") {
    const bits = rsaModulusBits(new Uint8Array(spki.subjectPublicKey));
    return bits ? `RSA ${bits} bits` : "RSA";
  }
  if (algorithm === "EC") {
    const params = spki.algorithm.parameters;
    const oid = params ? decodeDerOid(new Uint8Array(params)) : null;
    return `ECDSA ${oid ? (CURVE_NAMES[oid] ?? oid) : ""}`.trim();
  }
  return algorithm === "Ed25519" ? "Ed25519" : spki.algorithm.algorithm;
}

function altNames(certificate: x509.X509Certificate): string[] {
  const san = certificate.getExtension(x509.SubjectAlternativeNameExtension);
  if (!san) return [];
  return san.names
    .toJSON()
    .filter((n) => n.type === "dns" || n.type === "email" || n.type === "ip")
    .map((n) => n.value);
}

export function statementWords(info: QcStatementsInfo): string[] {
  const words: string[] = [];
  if (info.compliance) words.push("An EU qualified certificate under eIDAS (QcCompliance).");
  for (const type of info.types) words.push(`Issued ${QC_TYPE_WORDS[type]}.`);
  if (info.sscd)
    words.push("The private key is held in a qualified signature or seal creation device (QcSSCD).");
  if (info.psd2) {
    const roles = info.psd2.roles.map((r) => PSD2_ROLE_WORDS[r]).join(", ");
    words.push(
      `PSD2 roles: ${roles || "none named"}; competent authority ${info.psd2.ncaName} (${info.psd2.ncaId}).`,
    );
  }
  for (const pds of info.pds) words.push(`PKI disclosure statement (${pds.language}): ${pds.url}`);
  return words;
}

function statements(certificate: x509.X509Certificate): string[] {
  const extension = certificate.getExtension(QC_STATEMENTS_OID);
  if (!extension) return [];
  try {
    return statementWords(decodeQcStatements(extension.value));
  } catch {
    return ["The certificate carries eIDAS statements the portal cannot read."];
  }
}

function policies(certificate: x509.X509Certificate): string[] {
  const extension = certificate.getExtension(x509.CertificatePolicyExtension);
  return (extension?.policies ?? []).flatMap((oid) => {
    const policy = describePolicy(oid);
    return policy ? [`${policy.name}: ${policy.words}`] : [];
  });
}

/** The details of a stored certificate (PEM). */
export function describeCertificate(pem: string): CertificateDetails {
  const certificate = new x509.X509Certificate(pem);
  return {
    subject: displayName(certificate.subjectName),
    issuer: displayName(certificate.issuerName),
    key: keyWords(certificate),
    altNames: altNames(certificate),
    statements: statements(certificate),
    policies: policies(certificate),
  };
}
