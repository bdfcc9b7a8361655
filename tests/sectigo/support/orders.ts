import { fieldRules, productShipsToken } from "@/lib/sectigo/rules";
import type { Product } from "@/lib/sectigo/products";
import type { OrderInput } from "@/lib/sectigo/schema";
import { MULTI_DOMAINS, SINGLE_DOMAINS, type TestCsrs } from "./csrs";

const ADDRESS = {
  streetAddress1: "Hauptstr. 1",
  localityName: "Berlin",
  stateOrProvinceName: "Berlin",
  postalCode: "10115",
  countryName: "DE",
};

const COURIER = {
  offerType: 22,
  shippingForename: "Ann",
  shippingSurname: "Example",
  shippingEmailAddress: "ann@example.eu",
  shippingTelephone: "+49 30 123456",
};

const ROLES_AS_ONLY = {
  psd2RoleAccountServicing: true,
  psd2RolePaymentInitiation: false,
  psd2RoleAccountInformation: false,
  psd2RoleIssuingCardBased: false,
};

export function csrFor(product: Product, csrs: TestCsrs): string {
  if (!product.qwac) return csrs.person;
  return product.multiDomain ? csrs.multi : csrs.qwac;
}

export function domainsFor(product: Product): string[] {
  return product.multiDomain ? MULTI_DOMAINS : SINGLE_DOMAINS;
}

/** The smallest order the portal accepts for a product (CSR without address details). */
export function minimalInput(product: Product, csrs: TestCsrs): OrderInput {
  const input: Record<string, unknown> = {
    product: product.code,
    days: product.days[0],
    csr: csrFor(product, csrs),
    appRepEmailAddress: "rep@example.eu",
    ...ADDRESS,
  };
  const privatePerson =
    product.person === "natural" && (product.qwac || product.code === 777 || product.code === 778);
  if (!privatePerson) input.organizationName = "Example GmbH";
  if (product.person === "natural") input.personalIdentifier = "PNODE-1234567890";
  if (product.psd2)
    Object.assign(input, { ncaId: "DE-BAFIN", organizationIdentifier: PSD2_IDENTIFIER }, ROLES_AS_ONLY);
  if (product.qwac && product.person === "legal") input.joiCountryName = "DE";
  if (product.qwac) input.domainNames = domainsFor(product);
  if (productShipsToken(product, input)) Object.assign(input, COURIER);
  return input as OrderInput;
}

// The sandbox, like Sectigo, refuses a DCV request token (CSR + unique value) that was already
// used, so every maximal order gets its own unique value.
let uniqueCounter = 0;
const nextUniqueValue = () => `u${Date.now().toString(36)}${(uniqueCounter += 1)}`.slice(0, 20);

/** A BaFin authorisation number in the form of ETSI TS 119 495 §5.2.1. */
export const PSD2_IDENTIFIER = "PSDDE-BAFIN-123456";

/** Every customer field filled with a valid value, whether or not it applies to the product. */
export function maximalInput(product: Product, csrs: TestCsrs): OrderInput {
  return {
    ...minimalInput(product, csrs),
    ...COURIER,
    ...ROLES_AS_ONLY,
    primaryDomainName: "example.eu",
    maxSubjectCNs: 2,
    uniqueValue: nextUniqueValue(),
    prioritiseCSRValues: false,
    organizationName: "Example GmbH",
    postOfficeBox: "PO Box 12",
    streetAddress2: "Building B",
    streetAddress3: "3rd floor",
    dunsNumber: "060704780",
    companyNumber: "HRB 12345",
    businessCategory: "b",
    emailAddress: "certs@example.eu",
    validationEmailAddress: "validation@example.eu",
    contactEmailAddress: "contact@example.eu",
    dcvMethod: "EMAIL",
    languageName: "de",
    callbackMethod: "T",
    smartCardBased: true,
    shippingOrganizationName: "Example GmbH",
    shippingOrganizationalUnitName: "IT",
    shippingStreetAddress1: "Lagerweg 5",
    shippingStreetAddress2: "Gate 2",
    shippingStreetAddress3: "Dock 4",
    shippingLocalityName: "Hamburg",
    shippingStateOrProvinceName: "Hamburg",
    shippingPostalCode: "20095",
    shippingCountryName: "DE",
    shippingTitle: "Dr.",
    organizationIdentifier: product.psd2 ? PSD2_IDENTIFIER : "VATDE-129273398",
    personalIdentifier: "PNODE-1234567890",
    ncaId: "DE-BAFIN",
    ncaName: "Federal Financial Supervisory Authority",
    joiCountryName: "DE",
    joiStateOrProvinceName: "Hessen",
    joiLocalityName: "Frankfurt",
    dateOfIncorporation: "2001-02-03",
    assumedName: "Example",
    domainNames: domainsFor(product),
  };
}

/** Keys the portal requires for this input. */
export function requiredKeys(input: OrderInput): string[] {
  const rules = fieldRules(input.product, input as Record<string, unknown>);
  return Object.entries(rules)
    .filter(([, rule]) => rule === "required")
    .map(([key]) => key);
}
