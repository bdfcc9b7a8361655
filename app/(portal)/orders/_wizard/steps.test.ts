import { describe, expect, test } from "vitest";
import { PRODUCTS } from "@/lib/sectigo/products";
import { withoutForbidden } from "@/lib/orders/model/input";
import { visibleFields, visibleSteps, STEPS, stepOf } from "./steps";

// Which wizard steps each of the 14 products shows, derived from the product rules. The table is
// the expectation a customer has: tokens are shipped only for QSCD products (or on request),
// product details for everything that needs identifiers, domains, NCA or jurisdiction.
const EXPECTED: Record<number, string[]> = {
  777: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  778: ["product", "validity", "csr", "organization", "details", "shipping", "contacts", "review"],
  779: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  780: ["product", "validity", "csr", "organization", "details", "shipping", "contacts", "review"],
  791: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  792: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  781: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  782: ["product", "validity", "csr", "organization", "details", "shipping", "contacts", "review"],
  786: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  787: ["product", "validity", "csr", "organization", "details", "shipping", "contacts", "review"],
  783: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  784: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  788: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
  789: ["product", "validity", "csr", "organization", "details", "contacts", "review"],
};

const keys = (step: string, values: Record<string, unknown>) =>
  visibleFields(
    STEPS.find((s) => s.id === step)!,
    values,
  ).map((f) => f.key);

describe("wizard steps for each product", () => {
  test.each(PRODUCTS.map((p) => [p.code, p.name] as const))("%s %s", (code) => {
    expect(visibleSteps({ product: code }).map((s) => s.id)).toEqual(EXPECTED[code]);
  });

  test("before a product is chosen only the always-shown steps appear, with just the product field", () => {
    expect(visibleSteps({}).map((s) => s.id)).toEqual(["product", "validity", "csr", "contacts", "review"]);
    expect(keys("product", {})).toEqual(["product"]);
  });

  test("a non-QSCD product ships a token only when the customer asks for one", () => {
    expect(visibleSteps({ product: 781, smartCardBased: false }).map((s) => s.id)).not.toContain("shipping");
    expect(visibleSteps({ product: 781, smartCardBased: true }).map((s) => s.id)).toContain("shipping");
    expect(keys("validity", { product: 781 })).toContain("smartCardBased");
    // QSCD products always ship; QWACs never go on a token (spec note N2).
    expect(keys("validity", { product: 782 })).not.toContain("smartCardBased");
    expect(keys("validity", { product: 783 })).not.toContain("smartCardBased");
  });

  test("product details hold what each family needs and nothing else", () => {
    expect(keys("details", { product: 777 })).toContain("personalIdentifier");
    expect(keys("details", { product: 777 })).not.toEqual(expect.arrayContaining(["domainNames"]));
    expect(keys("details", { product: 777 })).not.toEqual(expect.arrayContaining(["ncaId"]));
    expect(keys("details", { product: 786 })).toEqual(
      expect.arrayContaining(["ncaId", "psd2RoleAccountServicing", "psd2RoleIssuingCardBased"]),
    );
    expect(keys("details", { product: 786 })).not.toContain("domainNames");
    expect(keys("details", { product: 789 })).toEqual(
      expect.arrayContaining(["domainNames", "joiCountryName", "ncaId", "dateOfIncorporation"]),
    );
    expect(keys("details", { product: 791 })).toEqual(
      expect.arrayContaining(["domainNames", "personalIdentifier"]),
    );
    expect(keys("details", { product: 791 })).not.toContain("joiCountryName");
    expect(keys("details", { product: 784 })).toContain("maxSubjectCNs");
    expect(keys("details", { product: 783 })).not.toContain("maxSubjectCNs");
    expect(keys("organization", { product: 777 })).not.toContain("organizationName");
    expect(keys("organization", { product: 779 })).toContain("organizationName");
  });

  test("every field belongs to exactly one step", () => {
    const all = STEPS.flatMap((s) => [...s.fields, ...(s.advanced ?? [])]);
    expect(new Set(all).size).toBe(all.length);
    expect(stepOf("uniqueValue")).toBe("details");
    expect(stepOf("shippingForename")).toBe("shipping");
  });

  test("values another product left behind are dropped, not sent", () => {
    const values = {
      product: 781,
      personalIdentifier: "PNODE-1",
      organizationName: "Example BV",
      domainNames: ["a.example"],
    };
    expect(withoutForbidden(values)).toEqual({ product: 781, organizationName: "Example BV" });
  });
});

describe("what a customer is shown", () => {
  // Issue #11: the reseller's validation switches and templates, and the server-software list
  // (AOL, Netscape …), are not the customer's to decide; no step may show them, for any product.
  const NOT_THE_CUSTOMERS = [
    "isCustomerValidated",
    "isAppRepValidated",
    "isCallbackCompleted",
    "serverSoftware",
    "dcvTemplateId",
    "shippingTemplateId",
  ];

  test.each(PRODUCTS.map((p) => [p.code, p.name] as const))("%s %s shows only customer fields", (code) => {
    const values = { product: code, smartCardBased: true };
    const shown = visibleSteps(values).flatMap((step) => [
      ...visibleFields(step, values).map((f) => f.key),
      ...visibleFields(step, values, undefined, true).map((f) => f.key),
    ]);
    expect(shown.length).toBeGreaterThan(3);
    for (const key of NOT_THE_CUSTOMERS) expect(shown, key).not.toContain(key);
  });

  test("no step lists a field the customer does not decide", () => {
    const listed: string[] = STEPS.flatMap((s) => [...s.fields, ...(s.advanced ?? [])]);
    for (const key of NOT_THE_CUSTOMERS) expect(listed, key).not.toContain(key);
  });
});
