import type { CsrSubject, DecodedCsr } from "@/lib/csr";
import type { Product } from "./products";

/** Evidence grade of a name or number (spec, top): A verbatim on the page, B sibling page, C guessed. */
export type Grade = "A" | "B" | "C";

export type Applicability = "required" | "optional" | "forbidden";

/**
 * How a value is held in the order input and put on the wire: `flag` is a boolean sent as
 * "Y"/"N", `int` a number, `list` a string array sent comma-separated, `text` a string.
 */
export type ParamKind = "text" | "int" | "flag" | "list";

export type ParamFormat =
  | "email"
  | "email-or-none"
  | "country"
  | "date"
  | "personal-identifier"
  | "nca-id"
  | "hostname"
  | "language"
  | "alphanumeric"
  | "duns"
  | "telephone";

export interface RuleContext {
  product: Product;
  /** The order input so far, keyed by field key; values may still be unvalidated. */
  input: Readonly<Record<string, unknown>>;
  csr?: DecodedCsr;
  /** Whether Sectigo ships a token for this order (see productShipsToken). */
  shipsToken: boolean;
}

export type Rule = (ctx: RuleContext) => Applicability;

export interface ParamDef {
  /** Row number in spec §2; null for `domainNames`, which the spec references but does not list. */
  n: number | null;
  /** Case-exact parameter name on the wire; null where the spec lost it and has no candidate. */
  wire: string | null;
  /** Other names Sectigo accepts for the same parameter (e.g. the deprecated synonym). */
  aliases?: readonly string[];
  /** Evidence grade for the name. */
  grade: Grade;
  /** True only when the name was seen verbatim (grade A or B). */
  nameConfirmed: boolean;
  /** The wire name is a candidate (spec grade C) or our placeholder; confirm before go-live. */
  candidate?: "spec" | "strong" | "placeholder";
  /**
   * Who decides the value. `customer`: a key of the order input, shown in the wizard.
   * `reseller`: a setting of our Sectigo account (RA privileges, account templates), read from
   * configuration (lib/env.ts) and never taken from a customer. `admin`: the portal's default
   * (`defaultValue`) unless an admin sets it on the order. `client`: set by the client itself
   * (credentials, response control, idempotency). `none`: not offered to anyone.
   */
  source: "customer" | "reseller" | "admin" | "client" | "none";
  /** Whether the client may put it on the wire at all; the one switch for an unconfirmed name. */
  send: boolean;
  kind: ParamKind;
  /** Sectigo's type label. */
  sectigoType: "string" | "integer" | "char";
  /** Maximum length in characters (Sectigo's "Max"). */
  max?: number;
  /** Smallest accepted integer, where one follows from the meaning. */
  min?: number;
  /** Allowed values (wire spelling) with labels; no list means any value of the right shape. */
  values?: readonly { value: string; label: string }[];
  format?: ParamFormat;
  /** What Sectigo assumes when the parameter is omitted, where the spec recovered it. */
  defaultValue?: string;
  /** Requirement as Sectigo prints it. */
  requirement: "required" | "optional" | "conditional";
  /** The condition in words, for conditional rows. */
  condition?: string;
  /** For "required unless the CSR carries it": the CSR subject attribute that satisfies it. */
  csrSubject?: keyof CsrSubject;
  /** Applicability as Sectigo documents it: what the sandbox CA enforces. */
  sectigo: Rule;
  /** Stricter portal policy where it differs from Sectigo's (what the order form enforces). */
  portal?: Rule;
  /** Form label. */
  label: string;
  /** One sentence for customers, where the label alone is not enough. */
  help?: string;
}
