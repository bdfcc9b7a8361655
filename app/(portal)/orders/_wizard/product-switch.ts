import { parsePsdIdentifier } from "@/lib/eidas/identifiers";
import type { Product } from "@/lib/sectigo/products";
import { PARAMS, PSD2_ROLE_KEYS, type FieldKey } from "@/lib/sectigo/registry";

// Switching the product between PSD2 and non-PSD2 changes what the organization identifier is
// (a PSD2 authorisation number, ETSI TS 119 495 §5.2.1, or a VAT/register identifier) and whether
// the authority and roles belong to the order at all. The answers that no longer apply are
// cleared, and the customer is told which (with their values), so nothing goes silently; answers
// that still apply (between two PSD2 products: number, authority and roles) stay. Browser-safe.

const PSD2_ONLY: readonly FieldKey[] = ["ncaId", "ncaName", ...PSD2_ROLE_KEYS];

const isEmpty = (value: unknown) => value === undefined || value === null || value === "" || value === false;

/** The fields to clear when the product changes from `from` to `to`, and the notice saying so. */
export function staleOnProductSwitch(
  from: Product | undefined,
  to: Product | undefined,
  values: Record<string, unknown>,
): { clear: FieldKey[]; notice: string | null } {
  if (!from || !to || from.code === to.code || from.psd2 === to.psd2) return { clear: [], notice: null };
  const identifier = values.organizationIdentifier;
  const psdIdentifier = typeof identifier === "string" && parsePsdIdentifier(identifier) !== null;
  const stale: FieldKey[] = from.psd2
    ? // To a non-PSD2 product: the authority, the roles and a PSD2 authorisation number go.
      [
        ...PSD2_ONLY.filter((key) => !isEmpty(values[key])),
        ...(psdIdentifier ? ["organizationIdentifier" as const] : []),
      ]
    : // To a PSD2 product: a VAT or register identifier is not an authorisation number.
      !isEmpty(identifier) && !psdIdentifier
      ? ["organizationIdentifier"]
      : [];
  if (stale.length === 0) return { clear: [], notice: null };
  const roles = stale.filter((key) => (PSD2_ROLE_KEYS as readonly string[]).includes(key));
  const described = stale
    .filter((key) => !roles.includes(key))
    .map((key) => `${PARAMS[key].label} (${String(values[key])})`);
  if (roles.length) described.push(`PSD2 roles (${roles.map((key) => PARAMS[key].label).join(", ")})`);
  const why = from.psd2
    ? `${to.name} is not a PSD2 certificate`
    : `${to.name} is a PSD2 certificate: its organization identifier is the PSD2 authorisation number`;
  return {
    clear: stale,
    notice: `${why}, so these answers no longer apply and were cleared: ${described.join("; ")}. Their values are shown here should you switch back.`,
  };
}
