import { fieldRules } from "@/lib/sectigo/rules";
import { getProduct, type Product } from "@/lib/sectigo/products";
import { PARAMS, type FieldKey } from "@/lib/sectigo/registry";
import { PROFILE_ORDER_KEYS, type ProfileOrderKey, type ProfileValues } from "./profile-keys";

// How a company profile meets an order: the order values it gives for a product, and the order
// values that differ from it (or from what Sectigo last validated). Browser-safe: the wizard's
// review step computes the differences as the customer edits; the server prefills drafts.

export type OrderValue = string | boolean | string[];

/** The order fields of this product that a profile can fill (not forbidden for the product). */
export function profileFieldsFor(product: Product, input: Record<string, unknown> = {}): ProfileOrderKey[] {
  const rules = fieldRules(product, input);
  return PROFILE_ORDER_KEYS.filter((key) => rules[key] !== "forbidden");
}

/**
 * The order values the profile gives for this product: its fields that apply to the product,
 * with the PSD2 authorisation number as organization identifier on a PSD2 product.
 */
export function profileOrderValues(
  product: Product | undefined,
  profile: ProfileValues,
): Partial<Record<ProfileOrderKey, string | boolean>> {
  if (!product) return {};
  const values: Partial<Record<ProfileOrderKey, string | boolean>> = {};
  for (const key of profileFieldsFor(product)) {
    const value = profile[key];
    if (value !== undefined) values[key] = value;
  }
  if (product.psd2 && typeof profile.psd2AuthorisationNumber === "string")
    values.organizationIdentifier = profile.psd2AuthorisationNumber;
  return values;
}

export interface ValueDifference {
  key: FieldKey;
  label: string;
  /** The profile's (or validated) value; null where it has none. */
  before: OrderValue | null;
  /** The order's value; null where it has none. */
  after: OrderValue | null;
}

/** A value as compared: text trimmed, an empty text or an unticked flag as nothing. */
function comparable(value: unknown): OrderValue | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (value === true) return true;
  if (Array.isArray(value)) return value.length ? (value as string[]) : null;
  return null;
}

function differences(
  keys: readonly FieldKey[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ValueDifference[] {
  const out: ValueDifference[] = [];
  for (const key of keys) {
    const was = comparable(before[key]);
    const now = comparable(after[key]);
    if (JSON.stringify(was) !== JSON.stringify(now))
      out.push({ key, label: PARAMS[key].label, before: was, after: now });
  }
  return out;
}

/**
 * The order's values that differ from the company profile, for the fields of the order's
 * product; nothing before a product is chosen or when the profile is empty.
 */
export function profileDifferences(
  profile: ProfileValues,
  input: Record<string, unknown>,
): ValueDifference[] {
  const product = getProduct(input.product);
  if (!product || Object.keys(profile).length === 0) return [];
  return differences(profileFieldsFor(product, input), profileOrderValues(product, profile), input);
}

/**
 * The order's values that differ from those Sectigo last validated for the organization: only
 * fields the validated order's product used (an empty one then counts as a value) and this
 * order's product uses.
 */
export function validatedDifferences(
  validated: Record<string, unknown>,
  input: Record<string, unknown>,
): ValueDifference[] {
  const product = getProduct(input.product);
  if (!product) return [];
  const keys = profileFieldsFor(product, input).filter((key) => key in validated);
  return differences(keys, validated, input);
}

/** The values of an order that a validation record keeps: every profile field its product uses. */
export function validatedValuesOf(input: Record<string, unknown>): Record<string, OrderValue | null> | null {
  const product = getProduct(input.product);
  if (!product) return null;
  const out: Record<string, OrderValue | null> = {};
  for (const key of profileFieldsFor(product, input)) out[key] = comparable(input[key]);
  return out;
}

/** The organization an order is for, as the wizard gets it (lib/organizations/profile.ts). */
export interface OrderOrganization {
  id: string;
  name: string;
  /** Its orders for legal-person products wait for an approver (lib/orders/approval/request.ts). */
  approvalRequired: boolean;
  profile: ProfileValues;
  /** The values of the organization's latest order Sectigo issued, and when. */
  lastValidation: {
    externalOrderNumber: string;
    validatedAt: string;
    values: Record<string, unknown>;
  } | null;
}
