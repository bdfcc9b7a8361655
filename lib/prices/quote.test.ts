import { describe, expect, it } from "vitest";
import { computeQuote, quoteColumns, quoteKey } from "./quote";
import { formatMoney, formatRate } from "./format";

const price = { id: "p1", source: "list" as const, version: 3, currency: "EUR", net: "99.99" };

describe("computeQuote", () => {
  it("adds the country's VAT, rounded half-up to the cent, with exact decimals", () => {
    const quote = computeQuote(price, "FI", { countryCode: "FI", rate: "25.5", version: 1 });
    // 99.99 × 0.255 = 25.49745: a float sum would be 125.48999…; the decimal one is exact.
    expect(quote).toMatchObject({ net: "99.99", vatRate: "25.50", vat: "25.50", gross: "125.49" });
    expect(
      computeQuote({ ...price, net: "0.10" }, "DE", { countryCode: "DE", rate: "19", version: 1 }),
    ).toMatchObject({ vat: "0.02", gross: "0.12" });
  });

  it("charges no VAT outside the table or without a country, and says why", () => {
    expect(computeQuote(price, "US", null)).toMatchObject({ vat: "0.00", gross: "99.99", vatCountry: "US" });
    expect(computeQuote(price, "US", null)?.vatNote).toMatch(/outside the VAT table/);
    expect(computeQuote(price, null, null)?.vatNote).toMatch(/No country given/);
  });

  it("is null without a price (price on request)", () => {
    expect(computeQuote(null, "DE", { countryCode: "DE", rate: "19", version: 1 })).toBeNull();
    expect(quoteKey(null)).toBe("on-request");
    expect(quoteColumns(null, new Date())).toMatchObject({ quoteNet: null, quotedAt: null });
  });

  it("changes its key with any amount, rate or row version", () => {
    const vat = { countryCode: "DE", rate: "19", version: 1 };
    const key = quoteKey(computeQuote(price, "DE", vat));
    expect(quoteKey(computeQuote({ ...price, version: 4 }, "DE", vat))).not.toBe(key);
    expect(quoteKey(computeQuote({ ...price, net: "99.98" }, "DE", vat))).not.toBe(key);
    expect(quoteKey(computeQuote(price, "DE", { ...vat, version: 2 }))).not.toBe(key);
    expect(quoteKey(computeQuote(price, "DE", vat))).toBe(key);
  });
});

describe("format", () => {
  it("formats decimal strings without a float", () => {
    expect(formatMoney("1234567.89", "EUR")).toBe("€1,234,567.89");
    expect(formatRate("19.00")).toBe("19 %");
    expect(formatRate("25.50")).toBe("25.5 %");
    expect(formatRate("0.00")).toBe("0 %");
  });
});
