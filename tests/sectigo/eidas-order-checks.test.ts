import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeCsr } from "@/lib/csr";
import { makeCsr } from "@/tests/support/csr";
import { getProduct } from "@/lib/sectigo/products";
import { fieldRules } from "@/lib/sectigo/rules";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { minimalInput, PSD2_IDENTIFIER } from "./support/orders";

// eIDAS cross-checks between an order and its CSR, with CSRs made by OpenSSL the way customers
// make them: a PSD2 CSR asking for roles and an NCA in its qcStatements (TS 119 495 §5.1 as
// OpenSSL's ASN1 generator writes it), organizationIdentifier and serialNumber in the subject.

const dir = mkdtempSync(path.join(tmpdir(), "eidas-csr-"));
const openssl = (...args: string[]) =>
  execFileSync("openssl", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const PSD2_CONFIG = `
[req]
distinguished_name = dn
req_extensions = ext
[dn]
[ext]
1.3.6.1.5.5.7.1.3 = ASN1:SEQUENCE:qcstatements
[qcstatements]
compliance = SEQUENCE:qc_compliance
psd2 = SEQUENCE:qc_psd2
[qc_compliance]
id = OID:0.4.0.1862.1.1
[qc_psd2]
id = OID:0.4.0.19495.2
info = SEQUENCE:psd2_info
[psd2_info]
roles = SEQUENCE:roles
ncaName = UTF8:Federal Financial Supervisory Authority
ncaId = UTF8:DE-BAFIN
[roles]
pi = SEQUENCE:role_pi
ai = SEQUENCE:role_ai
[role_pi]
oid = OID:0.4.0.19495.1.2
name = UTF8:PSP_PI
[role_ai]
oid = OID:0.4.0.19495.1.3
name = UTF8:PSP_AI
`;

let psd2Csr: string;
let personCsr: string;
let csrs: TestCsrs;

beforeAll(async () => {
  csrs = await testCsrs();
  writeFileSync(path.join(dir, "psd2.cnf"), PSD2_CONFIG);
  openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
  openssl(
    "req",
    "-new",
    "-key",
    "key.pem",
    "-config",
    "psd2.cnf",
    "-out",
    "psd2.csr",
    "-subj",
    `/CN=Example Bank AG/O=Example Bank AG/organizationIdentifier=${PSD2_IDENTIFIER}/C=DE`,
  );
  openssl(
    "req",
    "-new",
    "-key",
    "key.pem",
    "-config",
    "psd2.cnf",
    "-out",
    "person.csr",
    "-subj",
    "/CN=Anna Example/GN=Anna/SN=Example/serialNumber=PNODE-1234567890/C=DE",
  );
  psd2Csr = readFileSync(path.join(dir, "psd2.csr"), "utf8");
  personCsr = readFileSync(path.join(dir, "person.csr"), "utf8");
});

function issues(input: Record<string, unknown>): Record<string, string> {
  const parsed = orderInputSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

const psd2Order = (changes: Record<string, unknown> = {}) => ({
  ...(minimalInput(getProduct(786)!, csrs) as Record<string, unknown>),
  csr: psd2Csr,
  psd2RoleAccountServicing: false,
  psd2RolePaymentInitiation: true,
  psd2RoleAccountInformation: true,
  ...changes,
});

describe("a PSD2 order and its CSR", () => {
  it("the portal reads the roles and the NCA the CSR asks for (checked against openssl's view)", () => {
    const text = openssl("req", "-in", "psd2.csr", "-noout", "-text");
    expect(text).toContain("DE-BAFIN");
    const decoded = decodeCsr(psd2Csr);
    expect(decoded.ok && decoded.csr.qcStatements).toMatchObject({
      compliance: true,
      psd2: {
        roles: ["PSP_PI", "PSP_AI"],
        ncaId: "DE-BAFIN",
        ncaName: "Federal Financial Supervisory Authority",
      },
    });
    expect(decoded.ok && decoded.csr.subject.organizationIdentifier).toBe(PSD2_IDENTIFIER);
  });

  it("is accepted when the form says what the CSR says", () => {
    expect(issues(psd2Order())).toEqual({});
  });

  it("is stopped at the NCA when the form names another authority than the CSR, with both values", () => {
    const found = issues(psd2Order({ ncaId: "BE-NBB" }));
    expect(found.ncaId).toMatch(
      /PSDDE-BAFIN-123456 was given by DE-BAFIN, but the authority chosen here is BE-NBB/,
    );
    const csrOnly = issues(psd2Order({ ncaId: "BE-NBB", organizationIdentifier: "PSDBE-NBB-0123.456.789" }));
    expect(csrOnly.ncaId).toMatch(/Your CSR says the authority is DE-BAFIN, this form says BE-NBB/);
  });

  it("is stopped at the roles when they differ from the CSR's", () => {
    const found = issues(psd2Order({ psd2RoleAccountInformation: false }));
    expect(found.psd2RoleAccountServicing).toMatch(
      /CSR says the PSD2 roles are PSP_AI, PSP_PI, this form says PSP_PI/,
    );
  });

  it("needs a PSD2 authorisation number, not a VAT number, as organization identifier", () => {
    expect(fieldRules(getProduct(789)!, {}).organizationIdentifier).toBe("required");
    expect(issues(psd2Order({ organizationIdentifier: undefined })).organizationIdentifier).toMatch(
      /required/,
    );
    const vat = issues(psd2Order({ organizationIdentifier: "VATFR-40303265045", csr: csrs.person }));
    expect(vat.organizationIdentifier).toMatch(/PSD2 authorisation number .*ETSI TS 119 495 §5\.2\.1/);
  });

  it("a CSR whose own organization identifier is wrong is stopped at the CSR, where it is fixed", async () => {
    const csr = await makeCsr({
      subject: {
        commonName: "Seal",
        organizationName: "Example AG",
        organizationIdentifier: "VATDE-123456789",
        countryName: "DE",
      },
    });
    const order = { ...(minimalInput(getProduct(781)!, csrs) as Record<string, unknown>), csr };
    expect(issues(order).csr).toMatch(
      /Your CSR's organization identifier VATDE-123456789 is not valid: The check digits/,
    );
  });

  it("refuses an authority that is not on the EBA's list", () => {
    expect(issues(psd2Order({ ncaId: "DE-BANK", csr: csrs.person })).ncaId).toMatch(/not on the EBA's list/);
  });

  it("a typed identifier different from the CSR's is shown beside it, unless the CSR's values win", () => {
    const csrSays = "VATDE-129273398";
    const order = {
      ...(minimalInput(getProduct(781)!, csrs) as Record<string, unknown>),
      csr: psd2Csr,
      organizationIdentifier: csrSays,
    };
    expect(issues(order).organizationIdentifier).toMatch(
      /Your CSR says the organization identifier is PSDDE-BAFIN-123456, this form says VATDE-129273398/,
    );
    expect(issues({ ...order, prioritiseCSRValues: true })).toEqual({});
  });
});

describe("a natural person's order and its CSR", () => {
  const citizen = (changes: Record<string, unknown> = {}) => ({
    ...(minimalInput(getProduct(777)!, csrs) as Record<string, unknown>),
    csr: personCsr,
    ...changes,
  });

  it("takes the same identifier as the CSR's serialNumber", () => {
    expect(issues(citizen())).toEqual({});
    expect(issues(citizen({ personalIdentifier: "PASDE-C01X00T47" })).personalIdentifier).toMatch(
      /Your CSR says the personal identifier \(serialNumber\) is PNODE-1234567890, this form says PASDE-C01X00T47/,
    );
  });

  it("is never asked for a company's details", () => {
    for (const code of [777, 778, 779, 780, 791, 792]) {
      const rules = fieldRules(getProduct(code)!, {});
      expect([
        rules.companyNumber,
        rules.dunsNumber,
        rules.businessCategory,
        rules.organizationIdentifier,
      ]).toEqual(["forbidden", "forbidden", "forbidden", "forbidden"]);
    }
    expect(fieldRules(getProduct(781)!, {}).companyNumber).toBe("optional");
  });
});

describe("a QWAC's domain names and its CSR", () => {
  it("a single-domain QWAC with a CSR for two hosts gets one answer, at the CSR", async () => {
    const twoHosts = await makeCsr({
      subject: { commonName: "anna.example" },
      dnsNames: ["anna.example", "shop.example"],
    });
    const base = minimalInput(getProduct(783)!, csrs) as Record<string, unknown>;
    for (const domainNames of [["anna.example"], ["anna.example", "shop.example"]]) {
      const found = issues({ ...base, csr: twoHosts, domainNames });
      expect(found.csr).toMatch(
        /Your CSR is for "anna\.example", "shop\.example", but QWAC Legal covers one domain and its www\. form/,
      );
      expect(found.domainNames).toBe("Make a CSR for one domain first (see the CSR step).");
    }
  });

  it("a single-domain order names what its CSR names; a multi-domain order may add more", () => {
    const single = minimalInput(getProduct(783)!, csrs) as Record<string, unknown>;
    expect(issues({ ...single, domainNames: ["example.eu"] }).domainNames).toMatch(/www\.example\.eu/);
    expect(issues({ ...single, domainNames: ["other.eu"] }).domainNames).toMatch(
      /not among the order's domain names/,
    );
    const multi = minimalInput(getProduct(784)!, csrs) as Record<string, unknown>;
    const more = [...(multi.domainNames as string[]), "api.example.eu"];
    expect(issues({ ...multi, domainNames: more })).toEqual({});
  });
});
