import { describe, expect, it } from "vitest";

import { generateKeyAndCsr } from "./generate";
import { inspectCsr } from "./inspect";
import { x509 } from "./x509";

const subject = {
  commonName: "www.example.eu",
  organizationName: "Example SA",
  organizationIdentifier: "VATBE-0123456789",
  localityName: "Bruxelles",
  countryName: "be",
};

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----/g, ""), "base64"));
}

describe("generateKeyAndCsr", () => {
  it.each([
    [
      "RSA-2048",
      { algorithm: "RSA", bits: 2048 },
      "sha256WithRSAEncryption",
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    ],
    [
      "RSA-3072",
      { algorithm: "RSA", bits: 3072 },
      "sha256WithRSAEncryption",
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    ],
    [
      "P-256",
      { algorithm: "EC", curve: "P-256" },
      "ecdsa-with-SHA256",
      { name: "ECDSA", namedCurve: "P-256" },
    ],
    [
      "P-384",
      { algorithm: "EC", curve: "P-384" },
      "ecdsa-with-SHA384",
      { name: "ECDSA", namedCurve: "P-384" },
    ],
  ] as const)(
    "creates a %s CSR that passes every check, with a usable private key",
    async (algorithm, key, signatureAlgorithm, importParams) => {
      const { csrPem, privateKeyPem } = await generateKeyAndCsr({
        algorithm,
        subject,
        dnsNames: ["www.example.eu", "Example.EU", "www.example.eu"],
      });

      const { csr, problems } = await inspectCsr(csrPem, {
        domainNames: ["example.eu", "www.example.eu"],
      });
      expect(problems).toEqual([]);
      expect(csr?.pem).toBe(csrPem);
      expect(csr?.key).toEqual(key);
      expect(csr?.signatureAlgorithm).toBe(signatureAlgorithm);
      expect(csr?.subject).toEqual({ ...subject, countryName: "BE" });
      expect(csr?.dnsNames).toEqual(["www.example.eu", "example.eu"]);

      expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const privateKey = await crypto.subtle.importKey("pkcs8", pemBody(privateKeyPem), importParams, true, [
        "sign",
      ]);
      expect(privateKey.type).toBe("private");

      // The key must be the CSR's: what it signs verifies with the public key inside the CSR.
      const csrPublicKey = await new x509.Pkcs10CertificateRequest(csrPem).publicKey.export(
        importParams,
        ["verify"],
        crypto,
      );
      const signingParams = "namedCurve" in importParams ? { name: "ECDSA", hash: "SHA-256" } : importParams;
      const data = new TextEncoder().encode("proof of possession");
      const signature = await crypto.subtle.sign(signingParams, privateKey, data);
      expect(await crypto.subtle.verify(signingParams, csrPublicKey, signature, data)).toBe(true);
    },
  );

  it("writes organizationIdentifier under OID 2.5.4.97", async () => {
    const { csrPem } = await generateKeyAndCsr({ algorithm: "P-256", subject });
    // 06 03 55 04 61 = OBJECT IDENTIFIER 2.5.4.97
    expect(Buffer.from(pemBody(csrPem)).includes(Buffer.from([0x06, 0x03, 0x55, 0x04, 0x61]))).toBe(true);
  });

  it("leaves out the SAN extension and empty subject fields when none are given", async () => {
    const { csrPem } = await generateKeyAndCsr({
      algorithm: "P-256",
      subject: { commonName: "Example Seal", organizationalUnitName: "  " },
    });
    const { csr, problems } = await inspectCsr(csrPem);
    expect(problems).toEqual([]);
    expect(csr?.subject).toEqual({ commonName: "Example Seal" });
    expect(csr?.dnsNames).toEqual([]);
  });
});
