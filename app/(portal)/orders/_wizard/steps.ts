import type { DecodedCsr } from "@/lib/csr";
import { rulesFor } from "@/lib/orders/model/input-rules";
import { getProduct } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";
import type { FieldKey } from "@/lib/sectigo/registry";
import type { WizardValues } from "./form-values";

export { rulesFor };

// Which fields each wizard step shows. Whether a step appears at all, and which of its fields,
// follows from the product rules (lib/sectigo/rules.ts): a step with no field that applies to
// the chosen product is skipped.
export type StepId =
  "product" | "validity" | "csr" | "organization" | "details" | "shipping" | "contacts" | "review";

export interface StepDef {
  id: StepId;
  title: string;
  /** Short explanation under the step title. */
  intro: string;
  fields: readonly FieldKey[];
  /** Fields tucked into an "Advanced options" disclosure. */
  advanced?: readonly FieldKey[];
  /** Shown for every product. */
  always?: boolean;
}

export const STEPS: readonly StepDef[] = [
  {
    id: "product",
    title: "Certificate",
    intro: "Choose the certificate you need.",
    fields: ["product"],
    always: true,
  },
  {
    id: "validity",
    title: "Validity and delivery",
    intro: "How long the certificate is valid, and whether it is delivered on a hardware token.",
    fields: ["days", "smartCardBased"],
    always: true,
  },
  {
    id: "csr",
    title: "Certificate request (CSR)",
    intro: "Paste or upload your CSR, or generate a key pair and CSR here in your browser.",
    fields: ["csr"],
    always: true,
  },
  {
    id: "organization",
    title: "Organization and address",
    intro: "Who the certificate is for. Values already in your CSR are filled in for you.",
    fields: [
      "organizationName",
      "streetAddress1",
      "streetAddress2",
      "streetAddress3",
      "postOfficeBox",
      "localityName",
      "stateOrProvinceName",
      "postalCode",
      "countryName",
      "organizationIdentifier",
      "companyNumber",
      "dunsNumber",
      "prioritiseCSRValues",
    ],
  },
  {
    id: "details",
    title: "Product details",
    intro: "Details this certificate type needs.",
    fields: [
      "personalIdentifier",
      "domainNames",
      "primaryDomainName",
      "maxSubjectCNs",
      "dcvMethod",
      "uniqueValue",
      "ncaId",
      "ncaName",
      "psd2RoleAccountServicing",
      "psd2RolePaymentInitiation",
      "psd2RoleAccountInformation",
      "psd2RoleIssuingCardBased",
      "joiCountryName",
      "joiStateOrProvinceName",
      "joiLocalityName",
      "dateOfIncorporation",
      "assumedName",
      "businessCategory",
    ],
  },
  {
    id: "shipping",
    title: "Token shipping",
    intro:
      "Where the courier delivers the token. Left empty, Sectigo ships to the verified organization address.",
    fields: [
      "offerType",
      "shippingOrganizationName",
      "shippingOrganizationalUnitName",
      "shippingStreetAddress1",
      "shippingStreetAddress2",
      "shippingStreetAddress3",
      "shippingLocalityName",
      "shippingStateOrProvinceName",
      "shippingPostalCode",
      "shippingCountryName",
      "shippingTitle",
      "shippingForename",
      "shippingSurname",
      "shippingEmailAddress",
      "shippingTelephone",
    ],
  },
  {
    id: "contacts",
    title: "Contacts",
    intro: "Who Sectigo contacts to verify the order, and where notifications go.",
    fields: [
      "appRepEmailAddress",
      "callbackMethod",
      "contactEmailAddress",
      "validationEmailAddress",
      "emailAddress",
      "languageName",
    ],
    // No "advanced" block any more: the validation switches and e-mail templates are the reseller
    // account's (configuration) and serverSoftware an admin's; the registry keeps them out of
    // FieldKey, so a customer step cannot list them.
    always: true,
  },
  {
    id: "review",
    title: "Review and submit",
    intro: "Check everything before the order is sent to Sectigo.",
    fields: [],
    always: true,
  },
];

export function stepOf(field: string): StepId | undefined {
  return STEPS.find((s) => s.fields.includes(field as FieldKey) || s.advanced?.includes(field as FieldKey))
    ?.id;
}

// A step's title and help fit the person ordering: a private person has an address, not an
// organization; an employee orders for their employer; a token's key is made on the token.
const PERSON_TEXT: Partial<
  Record<StepId, Partial<Record<"private" | "employee" | "token", Pick<StepDef, "title" | "intro">>>>
> = {
  organization: {
    private: {
      title: "Your address",
      intro:
        "Your address as on your identity document; Sectigo checks it. Values already in your CSR are filled in for you.",
    },
    employee: {
      title: "Employer and address",
      intro:
        "The organization you act for, and its address. Values already in your CSR are filled in for you.",
    },
  },
  csr: {
    token: {
      title: "Certificate request (CSR)",
      intro:
        "Sectigo makes this certificate's private key on the QSCD token it ships to you, and the key never leaves the token. Sectigo's order interface still asks for a CSR, which only carries who the certificate is for: paste one, or generate one here. Its key is not used, so you need not keep it.",
    },
  },
};

/** The step as the chosen product shows it (title and help for the person ordering). */
export function forProduct(step: StepDef, values: WizardValues): StepDef {
  const product = getProduct(values.product);
  if (!product) return step;
  const texts = PERSON_TEXT[step.id];
  const who =
    step.id === "csr"
      ? productShipsToken(product, values as Record<string, unknown>)
        ? "token"
        : undefined
      : product.person === "legal"
        ? undefined
        : product.code === 779 || product.code === 780
          ? "employee"
          : "private";
  const text = who ? texts?.[who] : undefined;
  return text ? { ...step, ...text } : step;
}

/** The steps the chosen product needs, in order, worded for the person ordering. */
export function visibleSteps(values: WizardValues, csr?: DecodedCsr): StepDef[] {
  const rules = rulesFor(values, csr);
  return STEPS.filter((step) =>
    step.always
      ? // The one switch of lib/sectigo/params-account.ts may drop the CSR for token products.
        !(step.id === "csr" && rules?.csr === "forbidden")
      : rules !== null && step.fields.some((key) => rules[key] !== "forbidden"),
  ).map((step) => forProduct(step, values));
}

/** Fields of a step that apply to the chosen product. */
export function visibleFields(step: StepDef, values: WizardValues, csr?: DecodedCsr, advanced = false) {
  const rules = rulesFor(values, csr);
  const keys = advanced ? (step.advanced ?? []) : step.fields;
  if (!rules)
    return step.id === "product" && !advanced ? keys.map((key) => ({ key, rule: "required" as const })) : [];
  return keys.filter((key) => rules[key] !== "forbidden").map((key) => ({ key, rule: rules[key] }));
}
