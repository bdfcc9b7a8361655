import { describe, expect, it } from "vitest";
import { decodeCsr, type DecodedCsr } from "@/lib/csr";
import { getProduct } from "@/lib/sectigo/products";
import { makeCsr } from "@/tests/support/csr";
import { isEmptyValue, prefillFromCsr, prefillFromIdentifier } from "./prefill";

async function csrOf(...args: Parameters<typeof makeCsr>): Promise<DecodedCsr> {
  const decoded = decodeCsr(await makeCsr(...args));
  if (!decoded.ok) throw new Error(decoded.problem.message);
  return decoded.csr;
}

describe("what the wizard fills in", () => {
  it("a citizen's identifier from the CSR's serialNumber, never an organization identifier", async () => {
    const csr = await csrOf({
      subject: { commonName: "Anna Example", serialNumber: "PNODE-1234567890", countryName: "DE" },
    });
    expect(prefillFromCsr(getProduct(777), csr)).toEqual({
      countryName: "DE",
      personalIdentifier: "PNODE-1234567890",
    });
  });

  it("a serialNumber that is not a semantics identifier is left alone", async () => {
    const csr = await csrOf({ subject: { commonName: "Anna Example", serialNumber: "12345" } });
    expect(prefillFromCsr(getProduct(777), csr)).toEqual({});
  });

  it("a legal QWAC's domains and jurisdiction from the CSR", async () => {
    const csr = await csrOf({
      subject: { commonName: "bank.example", organizationName: "Bank AG", countryName: "BE" },
      dnsNames: ["bank.example", "api.bank.example"],
    });
    expect(prefillFromCsr(getProduct(784), csr)).toMatchObject({
      organizationName: "Bank AG",
      countryName: "BE",
      domainNames: ["bank.example", "api.bank.example"],
      joiCountryName: "BE",
    });
  });

  it("the PSD2 authority from an authorisation number, with its English name", () => {
    expect(prefillFromIdentifier(getProduct(786), "PSDFR-ACPR-16598")).toEqual({
      ncaId: "FR-ACPR",
      ncaName: "Prudential Supervisory and Resolution Authority",
    });
    expect(prefillFromIdentifier(getProduct(786), "VATFR-40303265045")).toEqual({});
    expect(prefillFromIdentifier(getProduct(781), "PSDFR-ACPR-16598")).toEqual({});
  });

  it("empty means nothing typed", () => {
    expect([undefined, null, "", []].every(isEmptyValue)).toBe(true);
    expect([false, "x", ["a"]].some(isEmptyValue)).toBe(false);
  });
});
