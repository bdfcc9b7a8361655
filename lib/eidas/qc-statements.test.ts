import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { decodeQcStatements, encodeQcStatements, type QcStatementsInfo } from "./qc-statements";

const PSD2_SEAL: QcStatementsInfo = {
  compliance: true,
  types: ["eseal"],
  sscd: true,
  pds: [{ url: "https://example.eu/pds_en.pdf", language: "en" }],
  psd2: { roles: ["PSP_AS", "PSP_PI"], ncaName: "BaFin", ncaId: "DE-BAFIN" },
};

describe("QCStatements", () => {
  it("decodes what it encodes", () => {
    expect(decodeQcStatements(encodeQcStatements(PSD2_SEAL))).toEqual(PSD2_SEAL);
    const web = { compliance: true, types: ["web" as const], sscd: false, pds: [] };
    expect(decodeQcStatements(encodeQcStatements(web))).toEqual(web);
  });

  it("writes the OIDs and strings OpenSSL reads back (EN 319 412-5, TS 119 495)", () => {
    const der = Buffer.from(encodeQcStatements(PSD2_SEAL));
    const dump = execFileSync("openssl", ["asn1parse", "-inform", "DER"], { input: der, encoding: "utf8" });
    for (const oid of [
      "0.4.0.1862.1.1",
      "0.4.0.1862.1.4",
      "0.4.0.1862.1.5",
      "0.4.0.1862.1.6",
      "0.4.0.1862.1.6.2",
    ]) {
      expect(dump).toContain(oid);
    }
    expect(dump).toContain("0.4.0.19495.2");
    expect(dump).toMatch(/0\.4\.0\.19495\.1\.1[\s\S]*UTF8STRING\s*:PSP_AS/);
    expect(dump).toMatch(/UTF8STRING\s*:BaFin[\s\S]*UTF8STRING\s*:DE-BAFIN/);
    expect(dump).toMatch(/IA5STRING\s*:https:\/\/example\.eu\/pds_en\.pdf[\s\S]*PRINTABLESTRING\s*:en/);
  });
});
