import { mayChooseToken, shippingAddressPart, shipsToken, when } from "./applicability";
import type { ParamDef } from "./param-types";

// Spec §2.7, rows 46–61: token delivery. QSCD products always ship a token; the other non-QWAC
// products ship one when SmartCardBased=Y. Sectigo falls back to the verified organization
// address and the applicant representative when shipping data is missing, so on the wire only
// offerType is needed; the portal additionally insists on a courier contact and on a complete
// address whenever one is started. `shippingPostOfficeBox` was removed by Sectigo (June 2024).

const shipping = {
  source: "customer",
  send: true,
  kind: "text",
  sectigoType: "string",
  requirement: "optional",
  condition: "only when a token is shipped",
  sectigo: when(shipsToken, "optional"),
} as const;

const strongCandidate = { grade: "C", nameConfirmed: false, candidate: "strong" } as const;
const confirmedB = { grade: "B", nameConfirmed: true } as const;
const addressPart = { portal: shippingAddressPart } as const;
const courierContact = { portal: when(shipsToken, "required") } as const;

export const SHIPPING_PARAMS = {
  offerType: {
    ...shipping,
    n: 46,
    wire: "offerType",
    grade: "A",
    nameConfirmed: true,
    kind: "int",
    sectigoType: "integer",
    // Only 22 is known (Sectigo's own sample); its meaning and the other values were lost.
    values: [{ value: "22", label: "Token delivery (Sectigo's standard offer)" }],
    condition: "needed when a token has to be shipped",
    sectigo: when(shipsToken, "required"),
    label: "Token delivery option",
  },
  smartCardBased: {
    n: 47,
    wire: "SmartCardBased",
    grade: "A",
    nameConfirmed: true,
    source: "customer",
    send: true,
    kind: "flag",
    sectigoType: "char",
    max: 1,
    defaultValue: "N",
    requirement: "optional",
    condition: "non-QSCD, non-QWAC products (N2)",
    sectigo: when(mayChooseToken, "optional"),
    label: "Deliver on a hardware token",
    help: "Sectigo ships the certificate on a token instead of you installing it yourself.",
  },
  shippingOrganizationName: {
    ...shipping,
    ...strongCandidate,
    n: 48,
    wire: "shippingOrganizationName",
    max: 64,
    label: "Ship to: organization",
  },
  shippingOrganizationalUnitName: {
    ...shipping,
    ...strongCandidate,
    n: 49,
    wire: "shippingOrganizationalUnitName",
    max: 64,
    label: "Ship to: department",
  },
  shippingStreetAddress1: {
    ...shipping,
    ...strongCandidate,
    ...addressPart,
    n: 50,
    wire: "shippingStreetAddress1",
    max: 128,
    label: "Ship to: street address",
  },
  shippingStreetAddress2: {
    ...shipping,
    ...strongCandidate,
    n: 51,
    wire: "shippingStreetAddress2",
    max: 128,
    label: "Ship to: street address (line 2)",
  },
  shippingStreetAddress3: {
    ...shipping,
    ...strongCandidate,
    n: 52,
    wire: "shippingStreetAddress3",
    max: 128,
    label: "Ship to: street address (line 3)",
  },
  shippingLocalityName: {
    ...shipping,
    ...strongCandidate,
    ...addressPart,
    n: 53,
    wire: "shippingLocalityName",
    max: 128,
    label: "Ship to: city",
  },
  shippingStateOrProvinceName: {
    ...shipping,
    ...strongCandidate,
    ...addressPart,
    n: 54,
    wire: "shippingStateOrProvinceName",
    max: 128,
    label: "Ship to: state or province",
  },
  shippingPostalCode: {
    ...shipping,
    ...strongCandidate,
    ...addressPart,
    n: 55,
    wire: "shippingPostalCode",
    max: 40,
    label: "Ship to: postal code",
  },
  shippingCountryName: {
    ...shipping,
    ...addressPart,
    n: 56,
    // The spec's candidate; GetDetailedOrderStatus returns the value as `shippingCountry`.
    wire: "shippingCountryName",
    grade: "C",
    nameConfirmed: false,
    candidate: "spec",
    max: 2,
    format: "country",
    label: "Ship to: country",
  },
  shippingTitle: {
    ...shipping,
    ...confirmedB,
    n: 57,
    wire: "shippingTitle",
    max: 64,
    label: "Courier contact: title",
  },
  shippingForename: {
    ...shipping,
    ...confirmedB,
    ...courierContact,
    n: 58,
    wire: "shippingForename",
    max: 64,
    label: "Courier contact: first name",
  },
  shippingSurname: {
    ...shipping,
    ...confirmedB,
    ...courierContact,
    n: 59,
    wire: "shippingSurname",
    max: 64,
    label: "Courier contact: surname",
  },
  shippingEmailAddress: {
    ...shipping,
    ...confirmedB,
    ...courierContact,
    n: 60,
    wire: "shippingEmailAddress",
    max: 255,
    format: "email",
    label: "Courier contact: e-mail",
  },
  shippingTelephone: {
    ...shipping,
    ...confirmedB,
    ...courierContact,
    n: 61,
    wire: "shippingTelephone",
    max: 32,
    format: "telephone",
    label: "Courier contact: telephone",
  },
} as const satisfies Record<string, ParamDef>;
