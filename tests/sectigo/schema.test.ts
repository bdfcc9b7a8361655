import { beforeAll, describe, expect, it } from "vitest";
import { getProduct } from "@/lib/sectigo/products";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { todayIso } from "@/lib/sectigo/validators";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { minimalInput } from "./support/orders";

let csrs: TestCsrs;
beforeAll(async () => {
  csrs = await testCsrs();
});

function issues(input: Record<string, unknown>): Record<string, string> {
  const parsed = orderInputSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

const base = (code: number, changes: Record<string, unknown> = {}) => ({
  ...(minimalInput(getProduct(code)!, csrs) as Record<string, unknown>),
  ...changes,
});

describe("orderInputSchema", () => {
  it("reports every problem at once, each on its field", () => {
    const found = issues({
      product: 777,
      days: "abc",
      csr: "not a csr",
      countryName: "Germany",
      appRepEmailAddress: "nope",
      personalIdentifier: "TAXDE-1",
      organizationName: "Should not be here",
      smartCardBased: "maybe",
    });
    expect(Object.keys(found).sort()).toEqual(
      [
        "appRepEmailAddress",
        "countryName",
        "csr",
        "days",
        "localityName",
        "organizationName",
        "personalIdentifier",
        "postalCode",
        "smartCardBased",
        "stateOrProvinceName",
        "streetAddress1",
      ].sort(),
    );
    expect(found.personalIdentifier).toMatch(/^TAX is no longer valid, use TIN/);
  });

  it("reports a missing or unknown product", () => {
    expect(issues({})).toHaveProperty("product");
    expect(issues({ product: 123 })).toHaveProperty("product");
  });

  it("normalises FormData strings and empty values", () => {
    const parsed = orderInputSchema.safeParse({
      ...base(777),
      days: "730",
      smartCardBased: "",
      dunsNumber: "  ",
      prioritiseCSRValues: "on",
    });
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toMatchObject({
      product: 777,
      days: 730,
      prioritiseCSRValues: true,
    });
    expect(parsed.data).not.toHaveProperty("dunsNumber", expect.anything());
  });

  it("allows only the product's days", () => {
    expect(issues(base(783, { days: 730 })).days).toMatch(/90, 365/);
    expect(issues(base(781, { days: 90 })).days).toMatch(/365, 730/);
  });

  it("enforces maximum lengths and Y/N flags from the registry", () => {
    expect(issues(base(781, { organizationName: "x".repeat(65) })).organizationName).toMatch(/64/);
    expect(issues(base(781, { postalCode: "1".repeat(41) })).postalCode).toMatch(/40/);
    expect(issues(base(781, { prioritiseCSRValues: "y" })).prioritiseCSRValues).toMatch(/yes or no/);
  });

  it("checks personal identifiers", () => {
    expect(issues(base(779, { personalIdentifier: "TINDE-123" }))).toEqual({});
    expect(issues(base(779, { personalIdentifier: "TAXDE-123" })).personalIdentifier).toMatch(
      /^TAX is no longer valid, use TIN/,
    );
    expect(issues(base(779, { personalIdentifier: "1234567890" })).personalIdentifier).toMatch(/PNODE/);
    expect(issues(base(779, { personalIdentifier: "PNOXX-1" })).personalIdentifier).toMatch(/country/);
    expect(issues(base(779, { personalIdentifier: "PNODE1234" })).personalIdentifier).toBeDefined();
  });

  it("checks PSD2 NCA id and roles", () => {
    // The authority inside the authorisation number and the one chosen must agree (TS 119 495).
    expect(issues(base(786, { ncaId: "BE-NBB", organizationIdentifier: "PSDBE-NBB-0123.456.789" }))).toEqual(
      {},
    );
    expect(issues(base(786, { ncaId: "be-nbb" })).ncaId).toBeDefined();
    expect(issues(base(786, { ncaId: "XX-NBB" })).ncaId).toBeDefined();
    expect(issues(base(786, { ncaId: "BE-NATIONALBANK" })).ncaId).toBeDefined();
    expect(issues(base(786, { psd2RoleAccountServicing: false })).psd2RoleAccountServicing).toBe(
      "Select at least one PSD2 role",
    );
    expect(issues(base(786, { psd2RoleAccountServicing: false, psd2RoleAccountInformation: true }))).toEqual(
      {},
    );
  });

  it("requires shipping details when a token ships", () => {
    const found = issues(base(777, { smartCardBased: true }));
    expect(Object.keys(found).sort()).toEqual(
      [
        "offerType",
        "shippingEmailAddress",
        "shippingForename",
        "shippingSurname",
        "shippingTelephone",
      ].sort(),
    );
    expect(issues(base(782, { shippingPostalCode: "20095" }))).toHaveProperty("shippingCountryName");
  });

  it("checks domains: primary among domainNames, CSR names within them, one domain for single-domain QWACs", () => {
    expect(issues(base(783, { primaryDomainName: "example.eu" }))).toEqual({});
    expect(issues(base(783, { primaryDomainName: "other.eu" })).primaryDomainName).toBeDefined();
    expect(issues(base(784, { csr: csrs.extraDomain })).domainNames).toMatch(/evil\.example\.com/);
    expect(
      issues(base(783, { domainNames: ["example.eu", "shop.example.eu"], csr: csrs.qwac })).domainNames,
    ).toBeDefined();
    expect(issues(base(783, { domainNames: "Example.EU, www.example.eu" }))).toEqual({});
  });

  it("decodes the CSR and uses its subject for the organization fields", () => {
    const relaxed = base(779, {
      csr: csrs.address,
      organizationName: undefined,
      streetAddress1: undefined,
      localityName: undefined,
      stateOrProvinceName: undefined,
      postalCode: undefined,
      countryName: undefined,
    });
    expect(issues(relaxed)).toEqual({});
    expect(issues(base(779, { csr: csrs.weak })).csr).toMatch(/2048/);
    expect(issues(base(783, { csr: csrs.wildcard, domainNames: ["example.eu"] })).csr).toMatch(/wildcard/);
  });

  it("checks the date of incorporation", () => {
    expect(issues(base(783, { dateOfIncorporation: "2001-02-03" }))).toEqual({});
    expect(issues(base(783, { dateOfIncorporation: "03.02.2001" })).dateOfIncorporation).toMatch(
      /YYYY-MM-DD/,
    );
    expect(issues(base(783, { dateOfIncorporation: "2001-02-30" })).dateOfIncorporation).toBeDefined();
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(issues(base(783, { dateOfIncorporation: todayIso(tomorrow) })).dateOfIncorporation).toMatch(
      /future/,
    );
  });

  it("accepts 'none' as the issuance e-mail address", () => {
    expect(issues(base(781, { emailAddress: "none" }))).toEqual({});
    expect(issues(base(781, { contactEmailAddress: "none" })).contactEmailAddress).toBeDefined();
  });
});
