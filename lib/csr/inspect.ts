import { isAcceptedKeyAlgorithm, isVerifiableSignature, MIN_RSA_BITS } from "./algorithms";
import { parseCsr, type ParsedCsr } from "./decode";
import {
  describeKey,
  insecureKeyProblem,
  namesOutsideDomains,
  subjectBoundsProblem,
  wildcardNames,
} from "./policy";
import { csrProblems } from "./problems";
import { describeUnverifiablePss, readPssParameters } from "./request";
import type { CsrProblem, DecodedCsr } from "./types";
import { verifyParsedCsr } from "./verify";

export interface InspectCsrOptions {
  /** The order's domain names (QWAC products); every domain the CSR names must be among them. */
  domainNames?: string[];
  /** Reject "*" in the CN or a dNSName (Sectigo -5). Default true. */
  forbidWildcard?: boolean;
  /**
   * How the self-signature is checked; WebCrypto (verifyParsedCsr) unless given. The server
   * passes its node:crypto check (verify-server.ts), which answers the same, for less CPU.
   */
  verifySignature?: (parsed: ParsedCsr) => Promise<boolean> | boolean;
}

/**
 * Decodes a CSR and applies Sectigo's CSR rules, collecting every problem found. The order of
 * `problems` follows Sectigo's likely checking order (decode, algorithm, key size and quality,
 * signature, subject lengths, names), so the first one is the error Sectigo would most plausibly return.
 */
export async function inspectCsr(
  input: string | Uint8Array,
  opts: InspectCsrOptions = {},
): Promise<{ csr?: DecodedCsr; problems: CsrProblem[] }> {
  const result = parseCsr(input);
  if (!result.ok) return { problems: [result.problem] };
  return inspectParsedCsr(result.parsed, opts);
}

/** inspectCsr's rules on a CSR the caller has already parsed (parseCsr). */
export async function inspectParsedCsr(
  parsed: ParsedCsr,
  opts: InspectCsrOptions = {},
): Promise<{ csr: DecodedCsr; problems: CsrProblem[] }> {
  const { csr, commonNames, keyOid } = parsed;
  const verify = opts.verifySignature ?? verifyParsedCsr;
  const problems: CsrProblem[] = [];

  const keyAccepted = isAcceptedKeyAlgorithm(csr.key);
  const signatureAlgorithm = parsed.request.structure.signatureAlgorithm;
  // RSA-PSS names its hashes in parameters; one WebCrypto lacks (SHA-224) cannot be checked.
  const unverifiablePss =
    csr.signatureAlgorithm === "rsassa-pss" && !readPssParameters(signatureAlgorithm)
      ? describeUnverifiablePss(signatureAlgorithm)
      : undefined;
  const signatureCheckable = isVerifiableSignature(csr.signatureAlgorithm) && !unverifiablePss;
  if (!keyAccepted) {
    problems.push(csrProblems.unsupportedAlgorithm(describeKey(csr.key, keyOid)));
  } else if (!signatureCheckable) {
    const what = unverifiablePss ?? csr.signatureAlgorithm;
    problems.push(csrProblems.unsupportedAlgorithm(`the signature algorithm ${what}`));
  }
  if (csr.key.algorithm === "RSA" && csr.key.bits !== undefined && csr.key.bits < MIN_RSA_BITS) {
    problems.push(csrProblems.weakKey(csr.key.bits));
  }
  const insecure = insecureKeyProblem(parsed);
  if (insecure) problems.push(insecure);
  if (keyAccepted && signatureCheckable && !(await verify(parsed))) {
    problems.push(csrProblems.badSignature());
  }
  const overlong = subjectBoundsProblem(parsed);
  if (overlong) problems.push(overlong);

  if (opts.forbidWildcard ?? true) {
    const wildcards = wildcardNames(commonNames, csr.dnsNames);
    if (wildcards.length > 0) problems.push(csrProblems.wildcard(wildcards));
  }
  if (opts.domainNames) {
    const outside = namesOutsideDomains(commonNames, csr.dnsNames, opts.domainNames);
    if (outside.length > 0) problems.push(csrProblems.namesNotInDomains(outside));
  }
  return { csr, problems };
}
