import type { DecodedCsr } from "@/lib/csr";
import { csrDomainNames } from "@/lib/csr/policy";
import { parseIdentifier, parsePsdIdentifier } from "@/lib/eidas/identifiers";
import { ncaById } from "@/lib/eidas/nca";
import { ROLE_FIELDS } from "@/lib/eidas/order-checks";
import type { Product } from "@/lib/sectigo/products";
import type { FieldKey } from "@/lib/sectigo/registry";

// What the wizard can fill in for the customer from what it already knows: the CSR's subject
// (address, organization identifier, a natural person's serialNumber), its domain names, the
// PSD2 roles and authority its qcStatements ask for, and the authority named inside a PSD2
// authorisation number. Browser-safe; the wizard fills only fields the customer left empty.

/** Order fields the CSR's subject can fill, and the subject attribute each comes from. */
export const CSR_SUBJECT_FIELDS: Partial<Record<FieldKey, keyof DecodedCsr["subject"]>> = {
  organizationName: "organizationName",
  streetAddress1: "streetAddress",
  localityName: "localityName",
  stateOrProvinceName: "stateOrProvinceName",
  postalCode: "postalCode",
  countryName: "countryName",
  organizationIdentifier: "organizationIdentifier",
};

export type Prefill = Partial<Record<FieldKey, string | string[] | boolean>>;

/** The values the CSR gives for this product. */
export function prefillFromCsr(product: Product | undefined, csr: DecodedCsr | undefined): Prefill {
  if (!csr) return {};
  const values: Prefill = {};
  for (const [field, attribute] of Object.entries(CSR_SUBJECT_FIELDS) as [
    FieldKey,
    keyof DecodedCsr["subject"],
  ][]) {
    const value = csr.subject[attribute]?.trim();
    if (value) values[field] = value;
  }
  if (!product) return values;
  if (product.person === "natural") {
    delete values.organizationIdentifier;
    const serial = csr.subject.serialNumber?.trim();
    if (serial && parseIdentifier(serial)) values.personalIdentifier = serial;
  }
  if (product.qwac) {
    const names = csrDomainNames(csr);
    if (names.length > 0) values.domainNames = names;
    // Most organizations are incorporated where their address is; the customer may change it.
    const country = csr.subject.countryName?.trim();
    if (product.person === "legal" && country) values.joiCountryName = country;
  }
  const psd2 =
    product.psd2 && csr.qcStatements && csr.qcStatements !== "unreadable" ? csr.qcStatements.psd2 : undefined;
  if (psd2) {
    if (psd2.ncaId) values.ncaId = psd2.ncaId;
    const name = ncaById(psd2.ncaId)?.name ?? psd2.ncaName;
    if (name) values.ncaName = name;
    for (const role of psd2.roles) values[ROLE_FIELDS[role]] = true;
  }
  return values;
}

/** The PSD2 authority (id and English name) named inside a PSD2 authorisation number. */
export function prefillFromIdentifier(product: Product | undefined, identifier: unknown): Prefill {
  if (!product?.psd2 || typeof identifier !== "string") return {};
  const nca = ncaById(parsePsdIdentifier(identifier.trim())?.ncaId ?? "");
  return nca ? { ncaId: nca.id, ncaName: nca.name } : {};
}

/** Whether a form value counts as left empty (a prefill may fill it). */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)
  );
}
