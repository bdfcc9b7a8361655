import { describe, expect, it } from "vitest";
import { PRODUCTS, type ProductCode } from "@/lib/sectigo/products";
import { initialLifecycle, lastProgressAt, nextStep } from "./lifecycle";

const kinds = (code: ProductCode, params: Record<string, string> = {}) =>
  initialLifecycle(code, params).steps.map((s) => (s.domain ? `dcv:${s.domain}` : s.kind));

describe("an order's steps", () => {
  it("follow the product: person type, QWAC domains, token shipping", () => {
    expect(kinds(777)).toEqual(["csr", "agreement", "identity"]);
    expect(kinds(778)).toEqual(["csr", "agreement", "identity", "shipping"]);
    expect(kinds(781)).toEqual(["csr", "agreement", "organization", "callback"]);
    expect(kinds(787)).toEqual(["csr", "agreement", "organization", "callback", "shipping"]);
    expect(kinds(784, { domainNames: "a.eu,www.a.eu" })).toEqual([
      "csr",
      "agreement",
      "organization",
      "callback",
      "dcv:a.eu",
      "dcv:www.a.eu",
    ]);
    expect(kinds(791, { domainNames: "a.eu" })).toEqual(["csr", "agreement", "identity", "dcv:a.eu"]);
  });

  it("ship a token for a non-QSCD product only when SmartCardBased=Y", () => {
    expect(kinds(781, { SmartCardBased: "Y" })).toContain("shipping");
    expect(kinds(781, { SmartCardBased: "N" })).not.toContain("shipping");
  });

  it("start every domain with the method the order asked for, HTTP file by default", () => {
    expect(initialLifecycle(783, { domainNames: "a.eu", dcvMethod: "EMAIL" }).dcv).toEqual({
      "a.eu": { method: "EMAIL" },
    });
    expect(initialLifecycle(783, { domainNames: "a.eu" }).dcv).toEqual({
      "a.eu": { method: "HTTP_CSR_HASH" },
    });
  });

  it("know every product", () => {
    for (const product of PRODUCTS) expect(kinds(product.code, { domainNames: "a.eu" })[0]).toBe("csr");
  });

  it("time from the last step done, or the placement", () => {
    const lifecycle = initialLifecycle(781, {});
    const placedAt = "2026-12-03T10:00:00.000Z";
    expect(lastProgressAt(lifecycle, placedAt)).toBe(Date.parse(placedAt));
    lifecycle.steps[0]!.doneAt = "2026-12-03T10:00:07.000Z";
    expect(lastProgressAt(lifecycle, placedAt)).toBe(Date.parse("2026-12-03T10:00:07.000Z"));
    expect(nextStep(lifecycle)?.kind).toBe("agreement");
  });
});
