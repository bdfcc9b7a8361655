import { describe, expect, it } from "vitest";
import { webCrypto, x509 } from "@/lib/csr/x509";
import { QUALIFIED_POLICIES } from "@/lib/eidas/policies";
import { encodeQcStatements, QC_STATEMENTS_OID } from "@/lib/eidas/qc-statements";
import { describeCertificate } from "./details";

async function certificate(algorithm: RsaHashedKeyGenParams | EcKeyGenParams, extensions: x509.Extension[]) {
  const keys = (await webCrypto().subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: "CN=bank.example.eu, O=Example Bank AG, C=DE",
    keys,
    signingAlgorithm: "hash" in algorithm ? algorithm : { ...algorithm, hash: "SHA-256" },
    notBefore: new Date(),
    notAfter: new Date(Date.now() + 86_400_000),
    extensions,
  });
  return cert.toString("pem");
}

describe("describeCertificate", () => {
  it("names the key, the names and a PSD2 QWAC's statements and policies in words", async () => {
    const pem = await certificate(
      {
        name: "RSASSA-PKCS1-v1_5",
        hash: "SHA-256",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
      },
      [
        new x509.SubjectAlternativeNameExtension([
          { type: "dns", value: "bank.example.eu" },
          { type: "dns", value: "api.bank.example.eu" },
        ]),
        new x509.Extension(
          QC_STATEMENTS_OID,
          false,
          encodeQcStatements({
            compliance: true,
            types: ["web"],
            sscd: false,
            pds: [{ url: "https://ca.example/pds_en.pdf", language: "en" }],
            psd2: {
              roles: ["PSP_PI", "PSP_AI"],
              ncaName: "Federal Financial Supervisory Authority",
              ncaId: "DE-BAFIN",
            },
          }),
        ),
        new x509.CertificatePolicyExtension([
          QUALIFIED_POLICIES.web.oid,
          QUALIFIED_POLICIES.webPsd2.oid,
          "1.2.3.4",
        ]),
      ],
    );
    expect(describeCertificate(pem)).toEqual({
      subject: "CN=bank.example.eu, O=Example Bank AG, C=DE",
      issuer: "CN=bank.example.eu, O=Example Bank AG, C=DE",
      key: "RSA 2048 bits",
      altNames: ["bank.example.eu", "api.bank.example.eu"],
      statements: [
        "An EU qualified certificate under eIDAS (QcCompliance).",
        "Issued for website authentication (QcType web).",
        "PSD2 roles: payment initiation (PSP_PI), account information (PSP_AI); competent authority Federal Financial Supervisory Authority (DE-BAFIN).",
        "PKI disclosure statement (en): https://ca.example/pds_en.pdf",
      ],
      policies: [
        "QCP-w: qualified website authentication certificate (QWAC)",
        "QCP-w-psd2: QWAC for payment services under PSD2",
      ],
    });
  });

  it("a seal on a QSCD with an EC key; a certificate without statements has none", async () => {
    const seal = await certificate({ name: "ECDSA", namedCurve: "P-384" }, [
      new x509.Extension(
        QC_STATEMENTS_OID,
        false,
        encodeQcStatements({ compliance: true, types: ["eseal"], sscd: true, pds: [] }),
      ),
      new x509.CertificatePolicyExtension([QUALIFIED_POLICIES.legalQscd.oid]),
    ]);
    expect(describeCertificate(seal)).toMatchObject({
      key: "ECDSA P-384",
      altNames: [],
      statements: [
        "An EU qualified certificate under eIDAS (QcCompliance).",
        "Issued for electronic seals of a legal person (QcType eseal).",
        "The private key is held in a qualified signature or seal creation device (QcSSCD).",
      ],
      policies: ["QCP-l-qscd: qualified certificate for a legal person (seal), key on a QSCD"],
    });
    const plain = await certificate({ name: "ECDSA", namedCurve: "P-256" }, []);
    expect(describeCertificate(plain)).toEqual({
      subject: "CN=bank.example.eu, O=Example Bank AG, C=DE",
      issuer: "CN=bank.example.eu, O=Example Bank AG, C=DE",
      key: "ECDSA P-256",
      altNames: [],
      statements: [],
      policies: [],
    });
  });

  it("names the subject's organizationIdentifier and serialNumber instead of printing their OIDs", async () => {
    const keys = (await webCrypto().subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      name: [
        { "2.5.4.6": ["DE"] },
        { "2.5.4.10": ["Tester Shop GmbH"] },
        { "2.5.4.97": ["VATDE-123456789"] },
        { "2.5.4.5": ["PNODE-C01X00T47"] },
        { "2.5.4.3": ["Tester Shop GmbH Seal"] },
      ],
      keys,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86_400_000),
    });
    const details = describeCertificate(cert.toString("pem"));
    expect(details.subject).toBe(
      "C=DE, O=Tester Shop GmbH, organizationIdentifier=VATDE-123456789, serialNumber=PNODE-C01X00T47, CN=Tester Shop GmbH Seal",
    );
    expect(details.issuer).toBe(details.subject);
    expect(details.subject).not.toMatch(/2\.5\.4/);
  });
});
