import { describe, expect, it } from "vitest";
import {
  checkLegalIdentifier,
  checkPersonalSemanticsIdentifier,
  isValidLei,
  parseIdentifier,
  parsePsdIdentifier,
} from "./identifiers";
import { ncaById, NCAS } from "./nca";

// Each case names where its value comes from.

describe("organization identifiers (legal persons)", () => {
  it.each([
    ["PSDBE-NBB-1234.567.890", "ETSI TS 119 495 §5.2.1, its example"],
    ["NTRGB-12345678", "CA/B Forum EV Guidelines §9.2.8, its example"],
    ["VATBE-0123456749", "EN 319 412-1 §5.1.4 form; Belgian check digits (97 − n mod 97)"],
    ["VATDE-129273398", "a German VAT number that passes VIES's MOD 11,10 check"],
    ["VATFR-40303265045", "a French VAT number (key + SIREN) that passes VIES's check"],
    ["VATEL-094259216", "Greek VAT numbers carry EL (VIES)"],
    ["VATNL-810433941B01", "Dutch VAT form NNNNNNNNNBNN (VIES)"],
    ["LEIXG-506700GE1G29325QX363", "GLEIF's own LEI (ISO 17442), country XG per EN 319 412-1 §5.1.4"],
    ["NTRDE-HRB12345", "a German trade register (Handelsregister) number"],
    ["AB:SE-5560000000", "EN 319 412-1 §5.1.4: a national scheme, two letters and a colon"],
    ["PSDDE-BAFIN-123456", "TS 119 495 §5.2.1 with BaFin from the EBA's NCA list"],
    ["PSDFI-FINFSA-0111027-9", "a Finnish PSD2 identifier as the EBA register shows it"],
  ])("accepts %s (%s)", (value) => {
    expect(checkLegalIdentifier(value)).toBeNull();
  });

  it.each([
    ["PSDDE-BAFIN123456", /hyphen and the authorisation number/],
    ["PSDXX-BAFIN-123456", /"XX" is not a country code/],
    ["PSDDE-bafin-123456", /in capitals: PSDDE-BAFIN-123456/],
    ["PSDFR-BAFIN-123456", /BAFIN is not the PSD2 authority of France; its code is ACPR/],
    ["PSDDE-BAFIN-", /hyphen and the authorisation number/],
    ["VATFR-", /After the hyphen comes the number itself/],
    ["VATDE-123456789", /check digits .* do not match/], // the CA/B Forum's illustrative value
    ["VATDE-DE129273398", /Leave out the country letters/],
    ["VATBE-0123.456.749", /without spaces or dots/],
    ["VATGR-094259216", /EL: VATEL-094259216/],
    ["VATDE-12345", /not the shape of a VAT number of Germany/],
    ["LEIXG-506700GE1G29325QX364", /check digits of this LEI do not match/],
    ["LEIDE-506700GE1G29325QX363", /country code is XG/],
    ["LEIXG-1234", /20 characters/],
    ["ABCDE-12345", /"ABC" is not a type of organization identifier/],
    ["Example Bank AG", /not the company's name/],
    ["vatde-129273398", /in capitals: VATDE-129273398/],
    ["NTRZZ-12345", /"ZZ" is not a country code/],
  ])("refuses %s, saying why", (value, why) => {
    const problem = checkLegalIdentifier(value);
    expect(problem?.message).toMatch(why);
    expect(problem?.rule).toMatch(/ETSI|ISO 17442/);
  });

  it("every refusal shows a valid example or the fix", () => {
    for (const value of ["Example Bank AG", "ABCDE-12345", "VATFR-", "PSDDE-BAFIN123456"]) {
      expect(checkLegalIdentifier(value)?.message).toMatch(/e\.g\. [A-Z]{3}[A-Z]{2}-|PSD[A-Z]{2}-[A-Z]+-/);
    }
  });
});

describe("personal identifiers (natural persons)", () => {
  it.each([
    ["PASSK-P3000180", "ETSI EN 319 412-1 §5.1.3, its example"],
    ["IDCBE-590082394654", "ETSI EN 319 412-1 §5.1.3, its example"],
    ["EI:SE-200007292386", "ETSI EN 319 412-1 §5.1.3, its national-scheme example"],
    ["PNODE-1234567890", "Sectigo's eIDAS sample request"],
    ["TINIT-RSSMRA85T10A562S", "TIN form, an Italian codice fiscale"],
  ])("accepts %s (%s)", (value) => {
    expect(checkPersonalSemanticsIdentifier(value)).toBeNull();
  });

  it.each([
    ["TAXDE-1234567890", /TAX is no longer valid, use TIN/],
    ["PNOXX-1234567890", /"XX" is not a country code/],
    ["ABCDE-123", /"ABC" is not a type of personal identifier/],
    ["Anna Example", /PAS passport, IDC identity card/],
    ["PNODE-", /After the hyphen comes the number itself/],
    ["pnode-1234567890", /in capitals/],
  ])("refuses %s, saying why", (value, why) => {
    expect(checkPersonalSemanticsIdentifier(value)?.message).toMatch(why);
  });
});

describe("parts and lists", () => {
  it("reads the parts of identifiers", () => {
    expect(parseIdentifier("VATBE-0123456749")).toEqual({
      type: "VAT",
      nationalScheme: false,
      country: "BE",
      reference: "0123456749",
    });
    expect(parseIdentifier("EI:SE-200007292386")).toMatchObject({ type: "EI", nationalScheme: true });
    expect(parsePsdIdentifier("PSDBE-NBB-1234.567.890")).toEqual({
      country: "BE",
      ncaId: "BE-NBB",
      authorisationNumber: "1234.567.890",
    });
  });

  it("LEI check digits (ISO 17442, ISO 7064 MOD 97-10)", () => {
    expect(isValidLei("506700GE1G29325QX363")).toBe(true); // GLEIF
    expect(isValidLei("5299000J2N45DDNE4Y28")).toBe(true);
    expect(isValidLei("506700GE1G29325QX336")).toBe(false);
  });

  it("the NCA list: one entry per id, ids shaped as TS 119 495 §5.2.2 says, examples that pass the rules", () => {
    expect(new Set(NCAS.map((n) => n.id)).size).toBe(NCAS.length);
    for (const nca of NCAS) {
      expect(nca.id).toMatch(/^[A-Z]{2}-[A-Z]{2,8}$/);
      expect(nca.id.startsWith(`${nca.country}-`)).toBe(true);
      if (nca.example) expect(checkLegalIdentifier(nca.example), nca.example).toBeNull();
    }
    expect(ncaById("DE-BAFIN")?.name).toBe("Federal Financial Supervisory Authority");
  });
});
