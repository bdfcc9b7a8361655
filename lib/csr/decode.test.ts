import { describe, expect, it } from "vitest";

import { makeCertificatePem, makeCsr, pemToBase64, pemToDer, testKeyPair } from "@/tests/support/csr";

import { decodeCsr } from "./decode";
import { CSR_MAX_LENGTH, type CsrDecodeResult, type DecodedCsr } from "./types";

function decoded(result: CsrDecodeResult): DecodedCsr {
  if (!result.ok) throw new Error(`expected a decoded CSR, got ${result.problem.code}`);
  return result.csr;
}

function problemOf(result: CsrDecodeResult) {
  if (result.ok) throw new Error("expected a problem, got a decoded CSR");
  return result.problem;
}

describe("decodeCsr: keys and signature algorithms", () => {
  it.each([
    ["RSA-2048", { algorithm: "RSA", bits: 2048 }, "sha256WithRSAEncryption"],
    ["RSA-4096", { algorithm: "RSA", bits: 4096 }, "sha256WithRSAEncryption"],
    ["RSA-1024", { algorithm: "RSA", bits: 1024 }, "sha256WithRSAEncryption"],
    ["P-256", { algorithm: "EC", curve: "P-256" }, "ecdsa-with-SHA256"],
    ["P-384", { algorithm: "EC", curve: "P-384" }, "ecdsa-with-SHA384"],
    ["Ed25519", { algorithm: "Ed25519" }, "Ed25519"],
  ] as const)("reads a %s CSR", async (algorithm, key, signatureAlgorithm) => {
    const csr = decoded(decodeCsr(await makeCsr({ algorithm })));
    expect(csr.key).toEqual(key);
    expect(csr.signatureAlgorithm).toBe(signatureAlgorithm);
    expect(csr.subject).toEqual({ commonName: "example.eu" });
    expect(csr.subjectDn).toBe("CN=example.eu");
  });

  it("names a curve it does not accept instead of failing", async () => {
    // P-384's OID 1.3.132.0.34 and secp256k1's 1.3.132.0.10 have the same encoded length.
    const der = pemToDer(await makeCsr({ algorithm: "P-384" }));
    const at = Buffer.from(der).indexOf(Buffer.from([0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22]));
    expect(at).toBeGreaterThan(0);
    der[at + 6] = 0x0a;
    expect(decoded(decodeCsr(der)).key).toEqual({ algorithm: "EC", curve: "secp256k1" });
  });
});

describe("decodeCsr: subject and names", () => {
  it("reads every subject attribute, organizationIdentifier included", async () => {
    const subject = {
      commonName: "qseal.example.eu",
      organizationName: "Example Bank SA",
      organizationalUnitName: "Payments",
      organizationIdentifier: "PSDBE-NBB-1234.567.890",
      serialNumber: "0123456789",
      givenName: "Marie",
      surname: "Dupont",
      emailAddress: "pki@example.eu",
      streetAddress: "Rue de la Loi 1",
      localityName: "Bruxelles",
      stateOrProvinceName: "Brussels-Capital",
      postalCode: "1000",
      countryName: "BE",
    };
    const csr = decoded(decodeCsr(await makeCsr({ subject })));
    expect(csr.subject).toEqual(subject);
    expect(csr.subjectDn).toContain("organizationIdentifier=PSDBE-NBB-1234.567.890");
    expect(csr.subjectDn).toContain("CN=qseal.example.eu");
    expect(csr.subjectDn).toContain("C=BE");
  });

  it("keeps non-ASCII and DN special characters intact", async () => {
    const subject = { commonName: "Zoë, Ørsted + Søn", organizationName: "#1 \\ Ltd" };
    const csr = decoded(decodeCsr(await makeCsr({ subject })));
    expect(csr.subject).toEqual(subject);
    expect(csr.subjectDn).toContain("CN=Zoë\\, Ørsted \\+ Søn");
  });

  it("reads SAN dNSNames lower-cased", async () => {
    const csr = decoded(
      decodeCsr(await makeCsr({ dnsNames: ["Example.EU", "www.example.eu", "api.example.eu"] })),
    );
    expect(csr.dnsNames).toEqual(["example.eu", "www.example.eu", "api.example.eu"]);
    expect(csr.emailAddresses).toEqual([]);
    expect(csr.ipAddresses).toEqual([]);
  });

  it("returns empty name lists when the CSR has no SAN extension", async () => {
    const csr = decoded(decodeCsr(await makeCsr()));
    expect(csr.dnsNames).toEqual([]);
  });
});

describe("decodeCsr: input forms", () => {
  it("decodes PEM, armoured with CRLF, NEW CERTIFICATE REQUEST, bare base64 and DER alike", async () => {
    const pem = await makeCsr({ algorithm: "P-256", dnsNames: ["example.eu"] });
    const base64 = pemToBase64(pem);
    const forms: (string | Uint8Array)[] = [
      pem,
      `\n\n  ${pem.replace(/\n/g, "\r\n")}  \n`,
      pem.replace(/CERTIFICATE REQUEST/g, "NEW CERTIFICATE REQUEST"),
      `Certificate Request:\n    Data: ...\n${pem}`,
      `${await makeCertificatePem()}\n${pem}`,
      base64,
      base64.replace(/(.{76})/g, "$1\n"),
      base64.replace(/=+$/, ""),
      pemToDer(pem),
      new TextEncoder().encode(pem),
    ];
    const results = forms.map((form) => decoded(decodeCsr(form)));
    for (const csr of results) expect(csr).toEqual(results[0]);
    expect(results[0]?.base64).toBe(base64);
    expect(results[0]?.pem).toBe(pem);
  });

  it("normalises the PEM to 64-character lines", async () => {
    const base64 = pemToBase64(await makeCsr({ algorithm: "RSA-4096" }));
    const csr = decoded(decodeCsr(base64));
    const lines = csr.pem.trimEnd().split("\n");
    expect(lines[0]).toBe("-----BEGIN CERTIFICATE REQUEST-----");
    expect(lines.at(-1)).toBe("-----END CERTIFICATE REQUEST-----");
    expect(lines.slice(1, -2).every((line) => line.length === 64)).toBe(true);
    expect(csr.base64).toBe(base64);
  });
});

describe("decodeCsr: what is not a CSR", () => {
  it.each([
    ["an empty string", ""],
    ["whitespace", " \n\t "],
    ["armour without a body", "-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----"],
    ["no bytes", new Uint8Array()],
  ])("reports %s as empty", (_, input) => {
    expect(problemOf(decodeCsr(input))).toMatchObject({ code: "empty", sectigoCode: -3 });
  });

  it("reports text longer than 32767 characters as too large (-4)", () => {
    const problem = problemOf(decodeCsr("A".repeat(CSR_MAX_LENGTH + 1)));
    expect(problem).toMatchObject({ code: "too-large", sectigoCode: -4 });
    expect(problem.message).toContain("32,767");
  });

  it.each([
    ["random text", "Hello, this is my certificate request!"],
    ["base64 with a stray character", "MIIBIjAN$BgkqhkiG9w0BAQEFAAOC"],
    ["wrong padding", "QUJD="],
  ])("reports %s as not base64 (-9)", (_, input) => {
    expect(problemOf(decodeCsr(input))).toMatchObject({ code: "not-base64", sectigoCode: -9 });
  });

  it("reports a certificate as a certificate, not a CSR (-10)", async () => {
    const pem = await makeCertificatePem();
    const problem = problemOf(decodeCsr(pem));
    expect(problem).toMatchObject({ code: "not-decodable", sectigoCode: -10 });
    expect(problem.message).toMatch(/^This is a certificate, not a certificate signing request/);
    // Without armour, it is still decodable base64 but not a PKCS#10 structure.
    expect(problemOf(decodeCsr(pemToBase64(pem)))).toMatchObject({ sectigoCode: -10 });
    expect(problemOf(decodeCsr(pemToDer(pem)))).toMatchObject({ sectigoCode: -10 });
  });

  it("warns a customer who pastes a private key, without echoing it", async () => {
    const keys = await testKeyPair("P-256");
    const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
    const body = Buffer.from(pkcs8).toString("base64");
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
    const problem = problemOf(decodeCsr(pem));
    expect(problem.code).toBe("not-decodable");
    expect(problem.message).toContain("Never share your private key");
    expect(problem.message).not.toContain(body.slice(0, 20));
  });

  it("reports a PNG file as not decodable (-10)", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(problemOf(decodeCsr(png)).sectigoCode).toBe(-9);
    const pngAsBase64 = Buffer.from(png).toString("base64");
    expect(problemOf(decodeCsr(pngAsBase64))).toMatchObject({ code: "not-decodable", sectigoCode: -10 });
  });

  it("rejects a truncated CSR and one with bytes appended (-10)", async () => {
    const der = pemToDer(await makeCsr());
    expect(problemOf(decodeCsr(der.subarray(0, der.length - 10))).sectigoCode).toBe(-10);
    const extended = new Uint8Array([...der, 0x00, 0x00]);
    expect(problemOf(decodeCsr(extended)).sectigoCode).toBe(-10);
    const pem = await makeCsr();
    expect(problemOf(decodeCsr(pem.replace("-----END CERTIFICATE REQUEST-----", ""))).sectigoCode).toBe(-10);
  });
});
