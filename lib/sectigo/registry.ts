import { ACCOUNT_PARAMS } from "./params-account";
import { CONTACT_PARAMS } from "./params-contact";
import { HANDLING_PARAMS } from "./params-handling";
import { EIDAS_PARAMS } from "./params-eidas";
import { ORGANIZATION_PARAMS } from "./params-organization";
import type { ParamDef } from "./param-types";
import { SHIPPING_PARAMS } from "./params-shipping";

export type { Applicability, Grade, ParamDef, ParamFormat, ParamKind, RuleContext } from "./param-types";
export { PSD2_ROLE_KEYS } from "./params-eidas";

/**
 * Every parameter of the spec (rows 1–76, plus the unlisted `domainNames`), keyed by the
 * portal's stable field key, in the order of Sectigo's table. The only place a wire name, value
 * list or length limit is written.
 */
export const PARAMS = {
  ...ACCOUNT_PARAMS,
  ...ORGANIZATION_PARAMS,
  ...CONTACT_PARAMS,
  ...HANDLING_PARAMS,
  ...SHIPPING_PARAMS,
  ...EIDAS_PARAMS,
} as const;

type Params = typeof PARAMS;
export type ParamKey = keyof Params;

/** Keys of the order input: the parameters a customer supplies. */
export type FieldKey = { [K in ParamKey]: Params[K]["source"] extends "customer" ? K : never }[ParamKey];

/** Keys of our reseller account's settings: from configuration, never from a customer. */
export type ResellerKey = { [K in ParamKey]: Params[K]["source"] extends "reseller" ? K : never }[ParamKey];

export type KindOf<K extends ParamKey> = Params[K]["kind"];

/** The reseller account's values for its own parameters (flags as booleans, IDs as numbers). */
export type ResellerSettings = {
  [K in ResellerKey]?: KindOf<K> extends "flag" ? boolean : number;
};

export const PARAM_KEYS = Object.keys(PARAMS) as ParamKey[];

export const FIELD_KEYS = PARAM_KEYS.filter((k) => PARAMS[k].source === "customer") as FieldKey[];

export const RESELLER_KEYS = PARAM_KEYS.filter((k) => PARAMS[k].source === "reseller") as ResellerKey[];

const BY_WIRE = new Map<string, ParamKey>();
for (const key of PARAM_KEYS) {
  const def: ParamDef = PARAMS[key];
  if (def.wire) BY_WIRE.set(def.wire, key);
  for (const alias of def.aliases ?? []) BY_WIRE.set(alias, key);
}

/** The field key for a wire name (case-exact, aliases included), e.g. "SmartCardBased" → smartCardBased. */
export function keyForWire(wire: string): ParamKey | undefined {
  return BY_WIRE.get(wire);
}

export function isFieldKey(key: string): key is FieldKey {
  return (PARAMS as Record<string, ParamDef>)[key]?.source === "customer";
}

export interface UnconfirmedParam {
  key: ParamKey;
  n: number | null;
  wire: string | null;
  grade: ParamDef["grade"];
  candidate: ParamDef["candidate"] | "none";
  source: ParamDef["source"];
  send: boolean;
}

/** Rows whose wire name is not confirmed (grade C): to be checked with Sectigo before go-live. */
export const UNCONFIRMED_PARAMS: readonly UnconfirmedParam[] = PARAM_KEYS.filter(
  (k) => !PARAMS[k].nameConfirmed,
).map((key) => {
  const def: ParamDef = PARAMS[key];
  return {
    key,
    n: def.n,
    wire: def.wire,
    grade: def.grade,
    candidate: def.candidate ?? "none",
    source: def.source,
    send: def.send,
  };
});
