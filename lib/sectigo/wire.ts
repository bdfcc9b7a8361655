import { decodeCsr } from "@/lib/csr";
import {
  PARAM_KEYS,
  PARAMS,
  RESELLER_KEYS,
  keyForWire,
  type ParamDef,
  type ParamKey,
  type ResellerSettings,
} from "./registry";
import { paramsToSend, sectigoRules } from "./rules";
import type { OrderInput } from "./schema";

// The form body of !AutoApplyOrder, both ways: the client encodes an order input into wire
// parameters; the sandbox CA (and tests) decode wire parameters back into input values.

export const REDACTED = "[REDACTED]";

export interface RequestOptions {
  loginName: string;
  loginPassword: string;
  /** Our order reference, echoed by Sectigo; set by the order lifecycle. */
  foreignOrderNumber?: string;
  /** With foreignOrderNumber: refuse the order if the reference was used before (idempotent retries). */
  checkFONIsUnique?: boolean;
  test?: boolean;
  /** Always 1 in production; 0 exists for tests of the plain-text answer. */
  responseFormat?: 0 | 1;
  /** Our reseller account's settings (lib/sectigo/reseller.ts); a row's default where unset. */
  reseller?: ResellerSettings;
  /** The server-software code an admin set on the order; -1 ("other") otherwise. */
  serverSoftware?: number | null;
}

function wireOf(key: ParamKey): string {
  const wire = (PARAMS[key] as ParamDef).wire;
  if (!wire) throw new Error(`Parameter ${key} has no known wire name and cannot be sent`);
  return wire;
}

/** One input value in wire form: flags Y/N, integers in decimal, lists comma-separated. */
export function encodeValue(def: ParamDef, value: unknown): string {
  switch (def.kind) {
    case "flag":
      return value === true ? "Y" : "N";
    case "list":
      return (value as readonly string[]).join(",");
    default:
      return String(value);
  }
}

/**
 * The CSR as Sectigo gets it: the bare base64 of its DER, one line, whatever the customer pasted
 * (indentation, CRLF, armour, a file's BOM). The DER, and so the signature, is unchanged.
 */
export function normaliseCsr(text: string): string {
  const decoded = decodeCsr(text);
  // A validated input always decodes; anything else goes as it is, for the CA to judge.
  return decoded.ok ? decoded.csr.base64 : text;
}

/**
 * The parameters for one order, in the order of Sectigo's table: only the customer's fields that
 * apply to the product (the CSR normalised), the reseller's settings from `opts.reseller` (never from the input),
 * `serverSoftware=-1` unless an admin set a code, and always responseFormat=1 (unless a test
 * asks for 0) with the certificate ID and state requested. Pure: no I/O, no validation (the
 * input must already have passed orderInputSchema).
 */
export function buildRequestParams(input: OrderInput, opts: RequestOptions): URLSearchParams {
  const values: Partial<Record<ParamKey, string>> = {};
  const source = input as Readonly<Record<string, unknown>>;
  for (const key of paramsToSend(input.product, source)) values[key] = encodeValue(PARAMS[key], source[key]);
  if (values.csr !== undefined) values.csr = normaliseCsr(values.csr);

  const applies = sectigoRules(input.product, source);
  for (const key of RESELLER_KEYS) {
    const def: ParamDef = PARAMS[key];
    const value = opts.reseller?.[key];
    if (!def.send || applies[key] === "forbidden") continue;
    if (value !== undefined) values[key] = encodeValue(def, value);
    else if (def.defaultValue !== undefined) values[key] = def.defaultValue;
  }

  values.loginName = opts.loginName;
  values.loginPassword = opts.loginPassword;
  values.serverSoftware = String(opts.serverSoftware ?? PARAMS.serverSoftware.defaultValue);
  values.responseFormat = String(opts.responseFormat ?? 1);
  values.showCertificateID = "Y";
  values.showCertificateState = "Y";
  if (opts.foreignOrderNumber !== undefined) {
    values.foreignOrderNumber = opts.foreignOrderNumber;
    values.checkFONIsUnique = opts.checkFONIsUnique ? "Y" : "N";
  }
  if (opts.test !== undefined) values.test = opts.test ? "Y" : "N";

  const params = new URLSearchParams();
  for (const key of PARAM_KEYS) {
    const value = values[key];
    if (value !== undefined) params.append(wireOf(key), value);
  }
  return params;
}

/** A copy safe to log and store: the password replaced, everything else verbatim. */
export function redactParams(
  params: URLSearchParams | Readonly<Record<string, string>>,
): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) out[name] = name === PARAMS.loginPassword.wire ? REDACTED : value;
  return out;
}

export interface DecodedWire {
  /** Values by key in input form (flags boolean, integers number, lists string[]). */
  values: Partial<Record<ParamKey, unknown>>;
  /** Wire name each key arrived under (the alias, if one was used). */
  names: Partial<Record<ParamKey, string>>;
  /** Names the registry does not know, in order of appearance. */
  unknown: string[];
  /** Present values that do not have the row's type (e.g. "X" for a Y/N flag), in order. */
  malformed: { key: ParamKey; wire: string }[];
}

function decodeValue(def: ParamDef, raw: string): { ok: true; value: unknown } | { ok: false } {
  switch (def.kind) {
    case "flag":
      return raw === "Y"
        ? { ok: true, value: true }
        : raw === "N"
          ? { ok: true, value: false }
          : { ok: false };
    case "int":
      return /^-?\d{1,15}$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
    case "list": {
      const items = raw.split(/[\s,]+/).filter((item) => item !== "");
      return { ok: true, value: items };
    }
    default:
      return { ok: true, value: raw };
  }
}

/** Reads a form body the way the CA does. An empty value counts as not given. */
export function decodeWireParams(params: URLSearchParams): DecodedWire {
  const decoded: DecodedWire = { values: {}, names: {}, unknown: [], malformed: [] };
  for (const [name, raw] of params) {
    const key = keyForWire(name);
    if (!key) {
      decoded.unknown.push(name);
      continue;
    }
    if (raw === "" || key in decoded.values) continue;
    const def: ParamDef = PARAMS[key];
    const value = decodeValue(def, raw);
    decoded.names[key] = name;
    if (value.ok) decoded.values[key] = value.value;
    else decoded.malformed.push({ key, wire: name });
  }
  return decoded;
}
