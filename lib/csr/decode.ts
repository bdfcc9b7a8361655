import { CURVE_NAMES, keyAlgorithmOf, signatureAlgorithmName } from "./algorithms";
import {
  decodeDerOid,
  isSingleDerSequence,
  readCsrAlgorithms,
  rsaModulusBits,
  type CsrAlgorithms,
} from "./der";
import { base64ToBytes, bytesToBase64, toArrayBuffer, toPem } from "./encoding";
import { csrProblems } from "./problems";
import { CsrRequest } from "./request";
import { readSubject } from "./subject";
import { CSR_MAX_LENGTH, type CsrDecodeResult, type CsrProblem, type DecodedCsr } from "./types";
import { x509 } from "./x509";
import { decodeQcStatements, QC_STATEMENTS_OID } from "@/lib/eidas/qc-statements";

type DerResult = { ok: true; der: Uint8Array } | { ok: false; problem: CsrProblem };

/** A decoded CSR plus what the policy checks need beyond the public shape. */
export interface ParsedCsr {
  csr: DecodedCsr;
  commonNames: string[];
  keyOid: string;
  /** The key and signature algorithms and the raw public key, as read from the DER. */
  algorithms: CsrAlgorithms;
  request: CsrRequest;
}

function base64Length(byteLength: number): number {
  return Math.ceil(byteLength / 3) * 4;
}

function textToDer(input: string): DerResult {
  const text = input.replace(/^\uFEFF/, "").trim();
  if (text.length === 0) return { ok: false, problem: csrProblems.empty() };
  if (text.length > CSR_MAX_LENGTH) return { ok: false, problem: csrProblems.tooLarge() };

  let body = text;
  const begin = /-----BEGIN ((?:NEW )?CERTIFICATE REQUEST)-----/.exec(text);
  if (begin) {
    const start = begin.index + begin[0].length;
    const end = text.indexOf(`-----END ${begin[1]}-----`, start);
    if (end < 0) return { ok: false, problem: csrProblems.notDecodable() };
    body = text.slice(start, end);
  } else {
    // Another PEM object (certificate, key, ...): say what it is rather than "not a CSR".
    const other = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
    if (other) {
      const problem = other.includes("PRIVATE KEY")
        ? csrProblems.privateKeyPasted()
        : csrProblems.otherPemPasted(other);
      return { ok: false, problem };
    }
  }

  const compact = body.replace(/\s+/g, "");
  if (compact.length === 0) return { ok: false, problem: csrProblems.empty() };
  const der = base64ToBytes(compact);
  if (!der) return { ok: false, problem: csrProblems.notBase64() };
  return { ok: true, der };
}

function inputToDer(input: unknown): DerResult {
  if (input === null || input === undefined) return { ok: false, problem: csrProblems.empty() };
  if (typeof input === "string") return textToDer(input);
  if (!(input instanceof Uint8Array)) return { ok: false, problem: csrProblems.notDecodable() };
  if (input.length === 0) return { ok: false, problem: csrProblems.empty() };
  // An uploaded file is either DER (always a SEQUENCE, 0x30) or a text file holding PEM/base64.
  if (input[0] === 0x30) {
    if (base64Length(input.length) > CSR_MAX_LENGTH) {
      return { ok: false, problem: csrProblems.tooLarge() };
    }
    return { ok: true, der: input };
  }
  return textToDer(new TextDecoder("utf-8").decode(input));
}

function readKey(algorithms: CsrAlgorithms): DecodedCsr["key"] | null {
  const algorithm = keyAlgorithmOf(algorithms.keyOid);
  if (algorithm === "RSA") {
    const bits = rsaModulusBits(algorithms.publicKey);
    return bits === null ? null : { algorithm, bits };
  }
  if (algorithm === "EC") {
    const oid = algorithms.keyParameters ? decodeDerOid(algorithms.keyParameters) : null;
    return oid ? { algorithm, curve: CURVE_NAMES[oid] ?? oid } : { algorithm };
  }
  return { algorithm };
}

function readAltNames(request: CsrRequest) {
  const dnsNames: string[] = [];
  const emailAddresses: string[] = [];
  const ipAddresses: string[] = [];
  for (const extension of request.requestedExtensions) {
    if (!(extension instanceof x509.SubjectAlternativeNameExtension)) continue;
    for (const name of extension.names.toJSON()) {
      if (name.type === "dns") dnsNames.push(name.value.toLowerCase());
      else if (name.type === "email") emailAddresses.push(name.value);
      else if (name.type === "ip") ipAddresses.push(name.value);
    }
  }
  return { dnsNames, emailAddresses, ipAddresses };
}

function readQcStatements(request: CsrRequest): DecodedCsr["qcStatements"] {
  const extension = request.requestedExtensions.find((e) => e.type === QC_STATEMENTS_OID);
  if (!extension) return undefined;
  try {
    return decodeQcStatements(extension.value);
  } catch {
    return "unreadable";
  }
}

function parseDer(der: Uint8Array): ParsedCsr | null {
  // asn1js ignores bytes after the structure; a CSR with a tail was damaged or concatenated.
  if (!isSingleDerSequence(der)) return null;
  const algorithms = readCsrAlgorithms(der);
  const key = algorithms && readKey(algorithms);
  if (!algorithms || !key) return null;
  const request = new CsrRequest(toArrayBuffer(der));
  const { subject, subjectDn, commonNames } = readSubject(request.structure.certificationRequestInfo.subject);
  const base64 = bytesToBase64(der);
  const csr: DecodedCsr = {
    pem: toPem(base64, "CERTIFICATE REQUEST"),
    base64,
    subject,
    subjectDn,
    ...readAltNames(request),
    key,
    signatureAlgorithm: signatureAlgorithmName(algorithms.signatureOid),
  };
  const qcStatements = readQcStatements(request);
  if (qcStatements) csr.qcStatements = qcStatements;
  return { csr, commonNames, keyOid: algorithms.keyOid, algorithms, request };
}

export type ParseResult = { ok: true; parsed: ParsedCsr } | { ok: false; problem: CsrProblem };

// A parse the caller already holds, for the text it was made from (see reusingParse).
let known: { text: string; result: ParseResult } | undefined;

/**
 * Runs `work` (synchronous) with `result` standing for the parse of `text`: every decode of the
 * same text inside it, trimmed or not, returns that result instead of parsing again. The order
 * schema decodes the CSR it validates; the server hands it the one parse of the submission. Only
 * for the duration of the call, so nothing is shared between requests.
 */
export function reusingParse<T>(text: string, result: ParseResult, work: () => T): T {
  const outer = known;
  known = { text: text.trim(), result };
  try {
    return work();
  } finally {
    known = outer;
  }
}

/** decodeCsr's work, also handing back the parsed request so policy checks need not re-parse. */
export function parseCsr(input: unknown): ParseResult {
  if (known && typeof input === "string" && input.trim() === known.text) return known.result;
  try {
    const der = inputToDer(input);
    if (!der.ok) return der;
    const parsed = parseDer(der.der);
    return parsed ? { ok: true, parsed } : { ok: false, problem: csrProblems.notDecodable() };
  } catch {
    return { ok: false, problem: csrProblems.notDecodable() };
  }
}

/**
 * Decodes a CSR given as PEM, bare base64 or DER bytes. Synchronous and total: every input,
 * however broken, yields a result (it runs inside form validation).
 */
export function decodeCsr(input: string | Uint8Array): CsrDecodeResult {
  const result = parseCsr(input);
  return result.ok ? { ok: true, csr: result.parsed.csr } : result;
}
