import { KEY_ALGORITHM_NAMES } from "./algorithms";
import type { ParsedCsr } from "./decode";
import { rsaKeyWeakness } from "./key-quality";
import { csrProblems } from "./problems";
import { readRsaPublicKey } from "./request";
import { subjectBoundViolations } from "./subject-bounds";
import type { CsrProblem, DecodedCsr } from "./types";

// A host name with at least two labels whose last label starts with a letter, so plain names
// ("Acme Ltd") and IPv4 addresses are not taken for domains; an optional leading "*." label.
const DOMAIN_PATTERN =
  /^(\*\.)?([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/i;

export function looksLikeDomain(name: string): boolean {
  return DOMAIN_PATTERN.test(name.trim());
}

export function normaliseDomain(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Names a CSR asks for that are not in the order's domain names (case-insensitive). */
export function namesOutsideDomains(
  commonNames: string[],
  dnsNames: string[],
  domainNames: string[],
): string[] {
  const allowed = new Set(domainNames.map(normaliseDomain));
  const requested = [...commonNames.filter(looksLikeDomain), ...dnsNames].map(normaliseDomain);
  return unique(requested.filter((name) => !allowed.has(name)));
}

/** The domain names a CSR asks for: its SANs and a domain-shaped CN, normalised, once each. */
export function csrDomainNames(csr: Pick<DecodedCsr, "subject" | "dnsNames">): string[] {
  const cn =
    csr.subject.commonName && looksLikeDomain(csr.subject.commonName) ? [csr.subject.commonName] : [];
  return unique([...cn, ...csr.dnsNames].map(normaliseDomain));
}

/** At most one domain and its www. form, e.g. example.eu and www.example.eu. */
export function isOneDomain(names: string[]): boolean {
  const bare = unique(names.map((n) => n.replace(/^www\./, "")));
  return bare.length <= 1;
}

export function wildcardNames(commonNames: string[], dnsNames: string[]): string[] {
  return unique([...commonNames, ...dnsNames].filter((name) => name.includes("*")));
}

/** How a rejected key is named in the customer's message. */
export function describeKey(key: DecodedCsr["key"], keyOid: string): string {
  if (key.algorithm === "EC") {
    return key.curve ? `an ECDSA key on the ${key.curve} curve` : "an ECDSA key without a named curve";
  }
  const name = KEY_ALGORITHM_NAMES[keyOid];
  return name ? `a key of type ${name}` : `a key of an unknown type (${keyOid})`;
}

// The server's schema and inspection read one parse (reusingParse): judge its key once.
const keyVerdicts = new WeakMap<ParsedCsr, CsrProblem | undefined>();

/** A CA's rules on an RSA key's numbers (key-quality.ts): the reason to refuse it, if any. */
export function insecureKeyProblem(parsed: ParsedCsr): CsrProblem | undefined {
  if (keyVerdicts.has(parsed)) return keyVerdicts.get(parsed);
  const { csr, algorithms } = parsed;
  const rsaKey = csr.key.algorithm === "RSA" ? readRsaPublicKey(algorithms.publicKey) : null;
  const weakness = rsaKey && rsaKeyWeakness(rsaKey);
  const problem = weakness ? csrProblems.insecureKey(weakness) : undefined;
  keyVerdicts.set(parsed, problem);
  return problem;
}

/** The subject's values beyond their upper bounds (subject-bounds.ts), each field named. */
export function subjectBoundsProblem({ request }: ParsedCsr): CsrProblem | undefined {
  const violations = subjectBoundViolations(request.structure.certificationRequestInfo.subject);
  return violations.length > 0 ? csrProblems.subjectBounds(violations) : undefined;
}
