import { describe, expect, it } from "vitest";
import { getProduct } from "@/lib/sectigo/products";
import { staleOnProductSwitch } from "./product-switch";

const seal = getProduct(781)!;
const psd2Seal = getProduct(786)!;
const psd2Qwac = getProduct(788)!;

const psd2Answers = {
  organizationIdentifier: "PSDDE-BAFIN-123456",
  ncaId: "DE-BAFIN",
  ncaName: "Federal Financial Supervisory Authority",
  psd2RoleAccountServicing: true,
  psd2RolePaymentInitiation: false,
  psd2RoleAccountInformation: true,
  psd2RoleIssuingCardBased: false,
};

describe("switching the product between PSD2 and non-PSD2", () => {
  it("from PSD2 to non-PSD2 clears the authorisation number, authority and chosen roles, and names them", () => {
    expect(psd2Seal.psd2 && !seal.psd2).toBe(true);
    const { clear, notice } = staleOnProductSwitch(psd2Seal, seal, psd2Answers);
    expect(clear.sort()).toEqual(
      [
        "ncaId",
        "ncaName",
        "organizationIdentifier",
        "psd2RoleAccountInformation",
        "psd2RoleAccountServicing",
      ].sort(),
    );
    expect(notice).toMatch(/^Seal Qualified certificate is not a PSD2 certificate/);
    expect(notice).toContain("(PSDDE-BAFIN-123456)");
    expect(notice).toContain("(DE-BAFIN)");
    expect(notice).toMatch(/PSD2 roles \(.+\)/);
    expect(notice).toMatch(/Their values are shown here should you switch back\.$/);
  });

  it("from PSD2 to non-PSD2 keeps a VAT identifier typed there (it still applies)", () => {
    const { clear } = staleOnProductSwitch(psd2Seal, seal, {
      ...psd2Answers,
      organizationIdentifier: "VATDE-123456789",
    });
    expect(clear).not.toContain("organizationIdentifier");
  });

  it("from non-PSD2 to PSD2 clears a VAT or register identifier, not an authorisation number", () => {
    const vat = staleOnProductSwitch(seal, psd2Seal, { organizationIdentifier: "VATNL-810433941B01" });
    expect(vat.clear).toEqual(["organizationIdentifier"]);
    expect(vat.notice).toMatch(
      /is a PSD2 certificate: its organization identifier is the PSD2 authorisation number/,
    );
    expect(vat.notice).toContain("(VATNL-810433941B01)");
    expect(staleOnProductSwitch(seal, psd2Seal, { organizationIdentifier: "PSDDE-BAFIN-1" }).clear).toEqual(
      [],
    );
    expect(staleOnProductSwitch(seal, psd2Seal, {}).clear).toEqual([]);
  });

  it("between two PSD2 products, or two others, everything still applies", () => {
    expect(staleOnProductSwitch(psd2Seal, psd2Qwac, psd2Answers)).toEqual({ clear: [], notice: null });
    expect(staleOnProductSwitch(seal, getProduct(783), { organizationIdentifier: "VATDE-1" })).toEqual({
      clear: [],
      notice: null,
    });
    expect(staleOnProductSwitch(undefined, seal, psd2Answers)).toEqual({ clear: [], notice: null });
  });
});
