import { describe, expect, it } from "vitest";
import { inputEntriesInWords } from "./input-words";

describe("an order's input as staff read it", () => {
  it("shows labels from the registry instead of raw codes and flags", () => {
    const rows = inputEntriesInWords({
      product: 782,
      offerType: 22,
      smartCardBased: false,
      prioritiseCSRValues: true,
      days: 730,
      organizationName: "Tester Shop GmbH",
      unknownKey: { a: 1 },
      blank: "",
    });
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r.value]));
    expect(byLabel["Certificate type"]).toBe("Seal Qualified certificate QSCD (782)");
    expect(byLabel["Token delivery option"]).toBe("Token delivery (Sectigo's standard offer) (22)");
    expect(byLabel["Deliver on a hardware token"]).toBe("no");
    expect(byLabel["Prefer the values in the CSR"]).toBe("yes");
    expect(byLabel["Organization name"] ?? rows.find((r) => r.key === "organizationName")?.value).toBe(
      "Tester Shop GmbH",
    );
    expect(rows.find((r) => r.key === "days")?.value).toBe("2 year(s) (730)");
    expect(rows.find((r) => r.key === "unknownKey")).toMatchObject({ label: "unknownKey", value: '{"a":1}' });
    expect(rows.some((r) => r.key === "blank")).toBe(false);
  });
});
