import { always, isCitizen, isLegal, isNatural, unlessInCsr, when } from "./applicability";
import type { ParamDef, Rule, RuleContext } from "./param-types";

// Spec §2.3, rows 11–22: organization details. Rows 11–19 are "required unless the CSR carries
// the value"; prioritiseCSRValues decides which one wins when both are given.

// N1: Citizen and QWAC Natural certificates are issued to private persons, so no organization
// name is expected from them; Sectigo's table still lists the field for every product.
const forPrivatePerson = (ctx: RuleContext) => isCitizen(ctx) || (isNatural(ctx) && ctx.product.qwac);

const organizationNameSectigo: Rule = (ctx) =>
  forPrivatePerson(ctx) ? "optional" : unlessInCsr("organizationName")(ctx);

// The portal does not offer the field to citizens at all; for QWAC Natural it stays optional.
const organizationNamePortal: Rule = (ctx) => (isCitizen(ctx) ? "forbidden" : organizationNameSectigo(ctx));

const conditional = (csrSubject: Parameters<typeof unlessInCsr>[0]) =>
  ({
    requirement: "conditional",
    condition: "required unless the CSR carries it",
    csrSubject,
    sectigo: unlessInCsr(csrSubject),
  }) as const;

const base = { source: "customer", send: true, kind: "text", sectigoType: "string" } as const;

// Sectigo accepts a company's registration details on every product; the portal asks them only
// of legal persons: a private person or an employee has no D-U-N-S or company number of their own.
const legalOnly: Rule = when(isLegal, "optional");

export const ORGANIZATION_PARAMS = {
  organizationName: {
    ...base,
    n: 11,
    wire: "organizationName",
    grade: "A",
    nameConfirmed: true,
    max: 64,
    requirement: "conditional",
    condition: "required unless the CSR carries an organization name; not for Citizen certificates",
    csrSubject: "organizationName",
    sectigo: organizationNameSectigo,
    portal: organizationNamePortal,
    label: "Organization name",
    help: "The organization's full legal name.",
  },
  postOfficeBox: {
    ...base,
    n: 12,
    wire: "postOfficeBox",
    grade: "C",
    nameConfirmed: false,
    candidate: "strong",
    max: 40,
    requirement: "optional",
    sectigo: always("optional"),
    label: "P.O. box",
  },
  streetAddress1: {
    ...base,
    ...conditional("streetAddress"),
    n: 13,
    wire: "streetAddress1",
    grade: "A",
    nameConfirmed: true,
    max: 128,
    label: "Street address",
  },
  streetAddress2: {
    ...base,
    n: 14,
    wire: "streetAddress2",
    grade: "C",
    nameConfirmed: false,
    candidate: "strong",
    max: 128,
    requirement: "optional",
    sectigo: always("optional"),
    label: "Street address (line 2)",
  },
  streetAddress3: {
    ...base,
    n: 15,
    wire: "streetAddress3",
    grade: "C",
    nameConfirmed: false,
    candidate: "strong",
    max: 128,
    requirement: "optional",
    sectigo: always("optional"),
    label: "Street address (line 3)",
  },
  localityName: {
    ...base,
    ...conditional("localityName"),
    n: 16,
    wire: "localityName",
    grade: "B",
    nameConfirmed: true,
    max: 128,
    label: "City",
  },
  stateOrProvinceName: {
    ...base,
    ...conditional("stateOrProvinceName"),
    n: 17,
    wire: "stateOrProvinceName",
    grade: "A",
    nameConfirmed: true,
    max: 128,
    label: "State or province",
  },
  postalCode: {
    ...base,
    ...conditional("postalCode"),
    n: 18,
    wire: "postalCode",
    grade: "A",
    nameConfirmed: true,
    max: 40,
    label: "Postal code",
  },
  countryName: {
    ...base,
    ...conditional("countryName"),
    n: 19,
    wire: "countryName",
    grade: "A",
    nameConfirmed: true,
    max: 2,
    format: "country",
    label: "Country",
  },
  dunsNumber: {
    ...base,
    n: 20,
    wire: "dunsNumber",
    grade: "A",
    nameConfirmed: true,
    max: 20,
    format: "duns",
    requirement: "optional",
    sectigo: always("optional"),
    portal: legalOnly,
    label: "D-U-N-S number",
    help: "The nine-digit Dun & Bradstreet number, if the organization has one.",
  },
  companyNumber: {
    ...base,
    n: 21,
    wire: "companyNumber",
    grade: "C",
    nameConfirmed: false,
    candidate: "strong",
    max: 64,
    requirement: "optional",
    sectigo: always("optional"),
    portal: legalOnly,
    label: "Company registration number",
  },
  businessCategory: {
    ...base,
    n: 22,
    wire: "businessCategory",
    grade: "A",
    nameConfirmed: true,
    sectigoType: "char",
    max: 1,
    values: [
      { value: "b", label: "Private organization" },
      { value: "c", label: "Government entity" },
      { value: "d", label: "Business entity" },
    ],
    requirement: "optional",
    sectigo: always("optional"),
    portal: legalOnly,
    label: "Legal classification",
  },
} as const satisfies Record<string, ParamDef>;
