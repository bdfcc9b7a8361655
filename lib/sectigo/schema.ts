import { z } from "zod";
import type { DecodedCsr } from "@/lib/csr";
import { isAcceptedKeyAlgorithm, MIN_RSA_BITS } from "@/lib/csr/algorithms";
import { parseCsr, type ParsedCsr } from "@/lib/csr/decode";
import {
  csrDomainNames,
  insecureKeyProblem,
  isOneDomain,
  namesOutsideDomains,
  subjectBoundsProblem,
  wildcardNames,
} from "@/lib/csr/policy";
import { csrProblems } from "@/lib/csr/problems";
import { getProduct, type Product, type ProductCode } from "./products";
import { FIELD_KEYS, PARAMS, PSD2_ROLE_KEYS, type FieldKey, type KindOf, type ParamDef } from "./registry";
import { fieldRules, hasValue } from "./rules";
import { checkParamValue } from "./validators";
import { checkIdentifiers, checkOrderAgainstCsr } from "@/lib/eidas/order-checks";

// One schema for the browser (zodResolver) and the server (safeParse). Field schemas only
// normalise (FormData strings, "" → undefined); every check runs in one superRefine so that all
// problems are reported together: zod skips refinements once a field's own type check fails.

type ValueFor<K> = K extends "flag"
  ? boolean
  : K extends "int"
    ? number
    : K extends "list"
      ? string[]
      : string;

type Shape = { product: z.ZodType<ProductCode, unknown> } & {
  [K in Exclude<FieldKey, "product">]: z.ZodOptional<z.ZodType<ValueFor<KindOf<K>>, unknown>>;
};

const TRUE = new Set(["Y", "true", "on", "1"]);
const FALSE = new Set(["N", "false", "off", "0"]);

/** A form value in its input form (FormData strings to flags and numbers, "" to undefined). */
export function normaliseParam(def: ParamDef, raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  switch (def.kind) {
    case "flag":
      if (typeof raw !== "string") return raw;
      if (raw.trim() === "") return undefined;
      return TRUE.has(raw.trim()) ? true : FALSE.has(raw.trim()) ? false : raw;
    case "int":
      if (typeof raw !== "string") return raw;
      if (raw.trim() === "") return undefined;
      return /^[-+]?\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    case "list": {
      const items = typeof raw === "string" ? raw.split(/[\s,]+/) : raw;
      if (!Array.isArray(items)) return items;
      const cleaned = items
        .map((i) => (typeof i === "string" ? i.trim().toLowerCase() : i))
        .filter((i) => i !== "");
      return cleaned.length > 0 ? cleaned : undefined;
    }
    case "text": {
      const text = typeof raw === "number" ? String(raw) : raw;
      if (typeof text !== "string") return text;
      const trimmed = text.trim();
      if (trimmed === "") return undefined;
      return def.format === "hostname" ? trimmed.toLowerCase() : trimmed;
    }
  }
}

function buildShape(): Shape {
  const shape: Record<string, z.ZodType> = {};
  for (const key of FIELD_KEYS) {
    const def: ParamDef = PARAMS[key];
    const field = z.preprocess((raw) => normaliseParam(def, raw), z.unknown());
    shape[key] = key === "product" ? field : field.optional();
  }
  return shape as unknown as Shape;
}

type Issue = (key: FieldKey, message: string) => void;

function labelOf(key: FieldKey): string {
  return (PARAMS[key] as ParamDef).label;
}

function checkCsrPolicy(parsed: ParsedCsr, product: Product, domainNames: unknown, issue: Issue) {
  const { csr } = parsed;
  const { key } = csr;
  if (!isAcceptedKeyAlgorithm(key)) {
    const what =
      key.algorithm === "EC"
        ? `an ECDSA key on the ${key.curve ?? "unnamed"} curve`
        : `a ${key.algorithm} key`;
    issue("csr", csrProblems.unsupportedAlgorithm(what).message);
  } else if (key.algorithm === "RSA" && key.bits !== undefined && key.bits < MIN_RSA_BITS) {
    issue("csr", csrProblems.weakKey(key.bits).message);
  }
  // One message per field: the first of these that applies is the one the customer sees.
  for (const problem of [insecureKeyProblem(parsed), subjectBoundsProblem(parsed)]) {
    if (problem) issue("csr", problem.message);
  }
  const commonNames = csr.subject.commonName ? [csr.subject.commonName] : [];
  const wildcards = wildcardNames(commonNames, csr.dnsNames);
  if (wildcards.length > 0) issue("csr", csrProblems.wildcard(wildcards).message);
  if (!product.qwac) return;
  const requested = csrDomainNames(csr);
  // A single-domain QWAC: the CSR itself must be for one domain (and its www. form), one answer
  // at the CSR, not two contradicting ones at the domain names.
  if (!product.multiDomain && !isOneDomain(requested)) {
    issue("csr", csrProblems.tooManyNames(requested, product.name).message);
    issue("domainNames", "Make a CSR for one domain first (see the CSR step).");
    return;
  }
  if (!Array.isArray(domainNames)) return;
  const outside = namesOutsideDomains(commonNames, csr.dnsNames, domainNames as string[]);
  if (outside.length > 0) issue("domainNames", csrProblems.namesNotInDomains(outside).message);
  // Single-domain: the order names exactly what the CSR names; a multi-domain order may add more.
  const extra = (domainNames as string[]).filter(
    (d) => !requested.includes(d) && !requested.includes(d.replace(/^www\./, "")),
  );
  if (!product.multiDomain && requested.length > 0 && extra.length > 0) {
    issue(
      "domainNames",
      `Your CSR is for ${requested.join(" and ")}; ${extra.join(", ")} ${extra.length > 1 ? "are" : "is"} not in it. A single-domain certificate covers the names of its CSR.`,
    );
  }
}

function checkDomains(product: Product, v: Record<string, unknown>, issue: Issue) {
  const domains = Array.isArray(v.domainNames) ? (v.domainNames as string[]) : undefined;
  if (domains) {
    if (new Set(domains).size !== domains.length) issue("domainNames", "Each domain name only once");
    // A single-domain certificate covers one name and, at most, its www. companion.
    const [first, second, ...rest] = [...domains].sort((a, b) => a.length - b.length);
    if (!product.multiDomain && (rest.length > 0 || (second !== undefined && second !== `www.${first}`))) {
      issue(
        "domainNames",
        "This certificate covers one domain (and its www. form); choose a multi-domain product for more",
      );
    }
  }
  if (typeof v.primaryDomainName === "string" && !domains?.includes(v.primaryDomainName)) {
    issue("primaryDomainName", "The primary domain must be one of the domain names");
  }
  if (typeof v.maxSubjectCNs === "number" && domains && v.maxSubjectCNs > domains.length) {
    issue("maxSubjectCNs", "Cannot exceed the number of domain names");
  }
}

function refineOrder(values: Record<string, unknown>, ctx: z.RefinementCtx) {
  const flagged = new Set<FieldKey>();
  const issue: Issue = (key, message) => {
    if (flagged.has(key)) return;
    flagged.add(key);
    ctx.addIssue({ code: "custom", path: [key], message });
  };

  const product = getProduct(values.product);
  if (product && typeof values.days === "number" && !product.days.includes(values.days)) {
    issue("days", `${product.name} is available for ${product.days.join(", ")} days`);
  }
  checkIdentifiers(values, issue, flagged);
  for (const key of FIELD_KEYS) {
    if (!hasValue(values[key])) continue;
    const problem = checkParamValue(PARAMS[key], values[key]);
    if (problem) issue(key, problem.message);
  }

  if (!product) {
    if (!flagged.has("product")) issue("product", "Choose a certificate type");
    return;
  }

  let csr: DecodedCsr | undefined;
  if (typeof values.csr === "string" && !flagged.has("csr")) {
    const decoded = parseCsr(values.csr);
    if (decoded.ok) {
      csr = decoded.parsed.csr;
      checkCsrPolicy(decoded.parsed, product, values.domainNames, issue);
    } else {
      issue("csr", decoded.problem.message);
    }
  }

  const rules = fieldRules(product, values, csr);
  for (const key of FIELD_KEYS) {
    const def: ParamDef = PARAMS[key];
    const present = hasValue(values[key]);
    if (rules[key] === "required" && !present) {
      issue(
        key,
        def.csrSubject ? `${def.label} is required (or include it in the CSR)` : `${def.label} is required`,
      );
    } else if (rules[key] === "forbidden" && present) {
      issue(key, `${def.label} does not apply to ${product.name}; leave it empty`);
    }
  }

  if (product.psd2 && !PSD2_ROLE_KEYS.some((k) => values[k] === true)) {
    issue(PSD2_ROLE_KEYS[0], "Select at least one PSD2 role");
  }
  checkOrderAgainstCsr(product, values, csr, issue, flagged);
  if (product.qwac) checkDomains(product, values, issue);
}

/** The order input: every customer field, checked against the rules of the chosen product. */
export const orderInputSchema = z
  .object(buildShape())
  .superRefine((values, ctx) => refineOrder(values as Record<string, unknown>, ctx));

export type OrderInput = z.infer<typeof orderInputSchema>;
/** What a form may hand to the schema before normalisation. */
export type OrderFormValues = z.input<typeof orderInputSchema>;

export { labelOf as fieldLabel };
