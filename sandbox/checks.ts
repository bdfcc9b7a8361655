import { inspectCsr, type CsrProblem, type DecodedCsr } from "@/lib/csr";
import { getProduct, type Product } from "@/lib/sectigo/products";
import { PARAM_KEYS, PARAMS, PSD2_ROLE_KEYS, type ParamDef, type ParamKey } from "@/lib/sectigo/registry";
import { sectigoRules } from "@/lib/sectigo/rules";
import { checkParamValue } from "@/lib/sectigo/validators";
import type { DecodedWire } from "@/lib/sectigo/wire";
import { byCode, byRow, forValueProblem, ROW, type SandboxError } from "./answers";

// Sectigo's checks in a plausible order, answering the first failure only, as the real CA
// does. Names, limits, value lists and rules all come from the registry.

export interface CheckedOrder {
  product: Product;
  days: number;
  csr: DecodedCsr;
}

type Values = DecodedWire["values"];

function nameOf(wire: DecodedWire, key: ParamKey): string {
  return wire.names[key] ?? (PARAMS[key] as ParamDef).wire ?? key;
}

function present(values: Values, key: ParamKey): boolean {
  return values[key] !== undefined;
}

export function checkAccount(
  wire: DecodedWire,
  login: { name: string; password: string },
): SandboxError | null {
  const first = wire.unknown[0];
  if (first !== undefined) return byCode(-2, first);
  if (!present(wire.values, "loginName")) return byCode(-3, "loginName");
  if (!present(wire.values, "loginPassword")) return byCode(-3, "loginPassword");
  if (wire.values.loginName !== login.name || wire.values.loginPassword !== login.password)
    return byCode(-16);
  return null;
}

function csrAnswer(problem: CsrProblem): SandboxError {
  if (problem.code === "empty") return byCode(-3, "csr");
  if (problem.code === "too-large" || problem.code === "subject-bounds") return byCode(-4, "csr");
  return byCode(problem.sectigoCode ?? -10);
}

function firstValueProblem(wire: DecodedWire, product: Product): SandboxError | null {
  for (const key of PARAM_KEYS) {
    const value = wire.values[key];
    if (value === undefined) continue;
    const problem = checkParamValue(PARAMS[key], value);
    const raw = Array.isArray(value) ? value.join(",") : String(value);
    if (problem) return forValueProblem(problem, nameOf(wire, key), raw);
    if (key === "days" && !product.days.includes(value as number)) return byCode(-4, nameOf(wire, key));
  }
  return null;
}

function semanticProblem(values: Values, product: Product): SandboxError | null {
  if (product.psd2 && !PSD2_ROLE_KEYS.some((key) => values[key] === true)) return byRow(ROW.psd2Roles);
  const domains = values.domainNames as string[] | undefined;
  const primary = values.primaryDomainName as string | undefined;
  if (primary !== undefined && domains !== undefined && !domains.includes(primary)) {
    return byCode(-4, "primaryDomainName");
  }
  return null;
}

/** Runs every order check after the account check, answering the first failure. */
export async function checkOrder(wire: DecodedWire): Promise<CheckedOrder | SandboxError> {
  const { values } = wire;
  // "777,778" is formally a list of product codes; for eIDAS exactly one must be sent.
  if (wire.malformed.some((m) => m.key === "product")) return byCode(-4, "product");
  if (!present(values, "product")) return byCode(-3, "product");
  const product = getProduct(values.product);
  if (!product) return byCode(-4, "product");
  const malformed = wire.malformed[0];
  if (malformed) return byCode(-4, malformed.wire);

  if (!present(values, "csr")) return byCode(-3, "csr");
  const domainNames = product.qwac ? (values.domainNames as string[] | undefined) : undefined;
  const inspected = await inspectCsr(values.csr as string, { forbidWildcard: true, domainNames });
  const csrProblem = inspected.problems.find((p) => p.code !== "names-not-in-domains");
  if (csrProblem || !inspected.csr) return csrAnswer(csrProblem ?? inspected.problems[0]!);

  const rules = sectigoRules(product, values, inspected.csr);
  const missing = PARAM_KEYS.find((key) => rules[key] === "required" && !present(values, key));
  if (missing) return byCode(-3, (PARAMS[missing] as ParamDef).wire ?? missing);
  const misplaced = PARAM_KEYS.find((key) => rules[key] === "forbidden" && present(values, key));
  if (misplaced) return byRow(ROW.notForProduct, nameOf(wire, misplaced));

  const valueProblem = firstValueProblem(wire, product);
  if (valueProblem) return valueProblem;
  if (inspected.problems.some((p) => p.code === "names-not-in-domains")) return byCode(-162);
  const semantic = semanticProblem(values, product);
  if (semantic) return semantic;

  return { product, days: values.days as number, csr: inspected.csr };
}
