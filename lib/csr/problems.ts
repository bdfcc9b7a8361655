import type { KeyWeakness } from "./key-quality";
import type { SubjectBoundViolation } from "./subject-bounds";
import { CSR_MAX_LENGTH, type CsrProblem } from "./types";

// Sectigo's numbers for each rule (spec §5). An empty value is treated as a missing argument
// (-3): Sectigo does not document a separate code for an empty `csr`.
const SECTIGO_CODES = {
  empty: -3,
  "too-large": -4,
  "not-base64": -9,
  "not-decodable": -10,
  "unsupported-algorithm": -11,
  "bad-signature": -12,
  "weak-key": -13,
  // Sectigo documents no code of its own for a broken key or an over-long subject value; -13
  // is its answer for a key it will not certify, -4 for a value that fails its checks.
  "insecure-key": -13,
  "subject-bounds": -4,
  "wildcard-cn": -5,
  "names-not-in-domains": -162,
} as const satisfies Record<CsrProblem["code"], number>;

function problem(code: CsrProblem["code"], message: string): CsrProblem {
  return { code, sectigoCode: SECTIGO_CODES[code], message };
}

const PASTE_HINT =
  "It starts with -----BEGIN CERTIFICATE REQUEST----- and ends with -----END CERTIFICATE REQUEST-----.";

function list(names: string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}

const NEW_KEY_HINT =
  "Create a new key pair and a new CSR with up-to-date software (for example OpenSSL 3, or the generator below) and do not use this key anywhere else.";

function insecureKeyMessage(weakness: KeyWeakness): string {
  switch (weakness.kind) {
    case "exponent":
      return `The CSR's RSA key uses the public exponent ${weakness.exponent.toString()}. Certificate authorities only accept an odd exponent from 65537 up to 2^256 (65537 is what every common tool uses), because keys with other exponents have been forged or broken. ${NEW_KEY_HINT}`;
    case "small-factor":
      return `The CSR's RSA key is divisible by ${weakness.factor}, so it is not a proper RSA key and its private key is easy to work out. ${NEW_KEY_HINT}`;
    case "roca":
      return `The CSR's RSA key carries the fingerprint of keys made by a flawed Infineon chip (the "ROCA" weakness, CVE-2017-15361): anyone can work out its private key from the CSR. Certificate authorities must refuse such keys. If a smart card, token or TPM made this key, update its firmware or replace it. ${NEW_KEY_HINT}`;
    case "close-primes":
      return `The CSR's RSA key was made from two prime numbers so close to each other that anyone can work out its private key from the CSR in moments (Fermat's method finds them in ${weakness.round} step${weakness.round === 1 ? "" : "s"}). Certificate authorities must refuse such keys; the software or device that made it is faulty. ${NEW_KEY_HINT}`;
  }
}

function violationText(violation: SubjectBoundViolation): string {
  return violation.kind === "country"
    ? `its country (C) is "${violation.value}", but must be exactly two letters, the ISO 3166 country code (for example DE)`
    : `its ${violation.label} is ${violation.length} characters long, but at most ${violation.max} are allowed`;
}

export const csrProblems = {
  empty: () =>
    problem(
      "empty",
      "No CSR was provided. Paste the certificate signing request (CSR) you created for this certificate, or generate one in your browser.",
    ),
  tooLarge: () =>
    problem(
      "too-large",
      `The CSR is longer than ${CSR_MAX_LENGTH.toLocaleString("en")} characters, which the certificate authority does not accept. Make sure you pasted only the CSR and nothing else. ${PASTE_HINT}`,
    ),
  notBase64: () =>
    problem(
      "not-base64",
      `The CSR contains characters that do not belong in a CSR. Copy the whole CSR again exactly as your tool created it. ${PASTE_HINT}`,
    ),
  notDecodable: () =>
    problem(
      "not-decodable",
      `This text is not a readable certificate signing request (CSR); it may be incomplete or a different kind of file. Copy the whole CSR again. ${PASTE_HINT}`,
    ),
  privateKeyPasted: () =>
    problem(
      "not-decodable",
      "This is a private key, not a certificate signing request (CSR). Never share your private key, not even with us: keep it safe and paste the CSR that was created with it instead.",
    ),
  otherPemPasted: (label: string) =>
    problem(
      "not-decodable",
      `This is a ${label.toLowerCase()}, not a certificate signing request (CSR). Paste the CSR instead. ${PASTE_HINT}`,
    ),
  unsupportedAlgorithm: (what: string) =>
    problem(
      "unsupported-algorithm",
      `The CSR uses ${what}, which the certificate authority does not accept. Create a new key and CSR with RSA (2048 bits or more) or ECDSA on the P-256, P-384 or P-521 curve.`,
    ),
  weakKey: (bits: number) =>
    problem(
      "weak-key",
      `The CSR's RSA key is only ${bits} bits long; at least 2048 bits are required. Create a new key of 2048 bits or more (3072 is recommended) and a new CSR.`,
    ),
  insecureKey: (weakness: KeyWeakness) => problem("insecure-key", insecureKeyMessage(weakness)),
  subjectBounds: (violations: SubjectBoundViolation[]) =>
    problem(
      "subject-bounds",
      `The CSR's subject cannot go into a certificate: ${violations.map(violationText).join("; ")}. Create a new CSR with ${violations.length === 1 ? "this field" : "these fields"} corrected.`,
    ),
  badSignature: () =>
    problem(
      "bad-signature",
      "The CSR's signature does not match its contents, so it was damaged or altered after it was created. Copy the CSR again from the file your tool created, or create a new CSR.",
    ),
  wildcard: (names: string[]) =>
    problem(
      "wildcard-cn",
      `The CSR contains a wildcard name (${list(names)}), which is not allowed for this certificate. Create a new CSR that names each domain in full, without "*".`,
    ),
  tooManyNames: (names: string[], productName: string) =>
    problem(
      "names-not-in-domains",
      `Your CSR is for ${list(names)}, but ${productName} covers one domain and its www. form. Make a CSR for one domain, or go back and choose the Multi-Domain version of this certificate.`,
    ),
  namesNotInDomains: (names: string[]) =>
    problem(
      "names-not-in-domains",
      `The CSR contains domain names that are not among the order's domain names: ${list(names)}. Add them to the order's domain names, or create a new CSR without them.`,
    ),
};
