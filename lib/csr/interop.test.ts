import { describe, expect, it } from "vitest";

import { inspectCsr } from "./inspect";

// Made with OpenSSL 3.0 (not with @peculiar/x509), so decoding is checked against another
// implementation:
//   openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
//     -subj "/C=BE/O=Example Bank SA/organizationIdentifier=PSDBE-NBB-1234.567.890/CN=www.example.eu" \
//     -addext "subjectAltName=DNS:www.example.eu,DNS:Example.EU,IP:192.0.2.10,email:pki@example.eu"
const OPENSSL_CSR = `
-----BEGIN CERTIFICATE REQUEST-----
MIIBazCCARECAQAwYTELMAkGA1UEBhMCQkUxGDAWBgNVBAoMD0V4YW1wbGUgQmFu
ayBTQTEfMB0GA1UEYQwWUFNEQkUtTkJCLTEyMzQuNTY3Ljg5MDEXMBUGA1UEAwwO
d3d3LmV4YW1wbGUuZXUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARC0S2AHjs1
mcvnmAZpUXhL6kIq/NmI1wzn426Bo6gw3orkeQz4+MkAgnLPr5pXSLUAwigUEs0A
3OQcJCa7NXf8oE4wTAYJKoZIhvcNAQkOMT8wPTA7BgNVHREENDAygg53d3cuZXhh
bXBsZS5ldYIKRXhhbXBsZS5FVYcEwAACCoEOcGtpQGV4YW1wbGUuZXUwCgYIKoZI
zj0EAwIDSAAwRQIhAO1ZiuIPdUwhGUqr50p5Uws5PLmnmeT8d/IO+c6PEG2hAiAb
GXFlffyPP9wPcE+Ju7QuMTkG3GeuDdJX0M1SugMVLQ==
-----END CERTIFICATE REQUEST-----
`;

describe("a CSR made by OpenSSL", () => {
  it("decodes, verifies and exposes every name", async () => {
    const { csr, problems } = await inspectCsr(OPENSSL_CSR, {
      domainNames: ["www.example.eu", "example.eu"],
    });
    expect(problems).toEqual([]);
    expect(csr).toMatchObject({
      subject: {
        countryName: "BE",
        organizationName: "Example Bank SA",
        organizationIdentifier: "PSDBE-NBB-1234.567.890",
        commonName: "www.example.eu",
      },
      subjectDn: "C=BE, O=Example Bank SA, organizationIdentifier=PSDBE-NBB-1234.567.890, CN=www.example.eu",
      dnsNames: ["www.example.eu", "example.eu"],
      emailAddresses: ["pki@example.eu"],
      ipAddresses: ["192.0.2.10"],
      key: { algorithm: "EC", curve: "P-256" },
      signatureAlgorithm: "ecdsa-with-SHA256",
    });
  });

  it("reports the names outside a narrower domain list", async () => {
    const { problems } = await inspectCsr(OPENSSL_CSR, { domainNames: ["example.eu"] });
    expect(problems.map((problem) => problem.sectigoCode)).toEqual([-162]);
    expect(problems[0]?.message).toContain('"www.example.eu"');
  });
});
