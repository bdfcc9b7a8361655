import type { DecodedCsr } from "@/lib/csr";
import { getProduct, type Product, type ProductCode } from "./products";
import {
  FIELD_KEYS,
  PARAM_KEYS,
  PARAMS,
  type Applicability,
  type FieldKey,
  type ParamDef,
  type ParamKey,
  type RuleContext,
} from "./registry";

type InputLike = Readonly<Record<string, unknown>>;

function productOf(product: ProductCode | Product): Product {
  if (typeof product === "object") return product;
  const found = getProduct(product);
  if (!found) throw new Error(`Unknown eIDAS product code ${String(product)}`);
  return found;
}

/** QSCD products always ship a token; other non-QWACs only with SmartCardBased=Y; QWACs never. */
export function productShipsToken(product: ProductCode | Product, input: InputLike): boolean {
  const p = productOf(product);
  if (p.qwac) return false;
  if (p.qscd) return true;
  return input.smartCardBased === true;
}

function context(product: ProductCode | Product, input: InputLike, csr?: DecodedCsr): RuleContext {
  const p = productOf(product);
  return { product: p, input, csr, shipsToken: productShipsToken(p, input) };
}

/**
 * Which order fields the portal requires, allows or forbids for a product, given the input so
 * far (e.g. SmartCardBased=Y) and the decoded CSR (whose subject satisfies the "required unless
 * the CSR carries it" organization fields).
 */
export function fieldRules(
  product: ProductCode | Product,
  input: InputLike,
  csr?: DecodedCsr,
): Record<FieldKey, Applicability> {
  const ctx = context(product, input, csr);
  const rules = {} as Record<FieldKey, Applicability>;
  for (const key of FIELD_KEYS) {
    const def: ParamDef = PARAMS[key];
    rules[key] = def.send ? (def.portal ?? def.sectigo)(ctx) : "forbidden";
  }
  return rules;
}

/** Sectigo's own applicability for every named parameter: what the sandbox CA enforces. */
export function sectigoRules(
  product: ProductCode | Product,
  input: InputLike,
  csr?: DecodedCsr,
): Record<ParamKey, Applicability> {
  const ctx = context(product, input, csr);
  const rules = {} as Record<ParamKey, Applicability>;
  for (const key of PARAM_KEYS) rules[key] = (PARAMS[key] as ParamDef).sectigo(ctx);
  return rules;
}

export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * The order fields the client puts on the wire for this product: those with a value that the
 * product does not forbid and whose row may be sent. Everything else is dropped silently.
 */
export function paramsToSend(product: ProductCode | Product, input: InputLike): FieldKey[] {
  const rules = fieldRules(product, input);
  return FIELD_KEYS.filter((key) => rules[key] !== "forbidden" && hasValue(input[key]));
}
