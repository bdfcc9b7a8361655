import type { QcStatementsInfo } from "@/lib/eidas/qc-statements";

/** Sectigo's limit for the `csr` parameter of !AutoApplyOrder (spec §2.2). */
export const CSR_MAX_LENGTH = 32767;

export type CsrKeyAlgorithm = "RSA" | "EC" | "Ed25519" | "unknown";

export interface CsrSubject {
  commonName?: string;
  organizationName?: string;
  organizationalUnitName?: string;
  organizationIdentifier?: string;
  serialNumber?: string;
  givenName?: string;
  surname?: string;
  emailAddress?: string;
  streetAddress?: string;
  localityName?: string;
  stateOrProvinceName?: string;
  postalCode?: string;
  countryName?: string;
}

export interface DecodedCsr {
  /** Normalised PEM: `CERTIFICATE REQUEST` armour, 64-character lines. */
  pem: string;
  /** DER as base64, no armour, no whitespace. */
  base64: string;
  subject: CsrSubject;
  subjectDn: string;
  /** SAN dNSName entries, lower-cased. */
  dnsNames: string[];
  emailAddresses: string[];
  ipAddresses: string[];
  key: { algorithm: CsrKeyAlgorithm; bits?: number; curve?: string };
  signatureAlgorithm: string;
  /**
   * The eIDAS QCStatements the CSR asks for (ETSI EN 319 412-5; PSD2 roles and NCA of TS 119 495),
   * when it carries them; "unreadable" when the extension is there but malformed.
   */
  qcStatements?: QcStatementsInfo | "unreadable";
}

export type CsrProblemCode =
  | "empty"
  | "too-large"
  | "not-base64"
  | "not-decodable"
  | "unsupported-algorithm"
  | "bad-signature"
  | "weak-key"
  | "insecure-key"
  | "subject-bounds"
  | "wildcard-cn"
  | "names-not-in-domains";

export interface CsrProblem {
  code: CsrProblemCode;
  sectigoCode: number | null;
  /** Plain language for the customer, including what to do about it. */
  message: string;
}

export type CsrDecodeResult = { ok: true; csr: DecodedCsr } | { ok: false; problem: CsrProblem };

export type CsrGenerationAlgorithm = "RSA-2048" | "RSA-3072" | "P-256" | "P-384";
