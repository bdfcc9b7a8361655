import { beforeAll, describe, expect, it } from "vitest";

import { pemToDer } from "@/tests/support/csr";
import { asn1parse, openssl, opensslCsr, opensslRsaKey, opensslVerifies } from "@/tests/support/openssl";

import { decodeCsr } from "./decode";
import { inspectCsr } from "./inspect";

// CSRs made by OpenSSL in the test itself, the way customers make them, so every verdict is
// checked against the tool that made the CSR (and that the CA most likely reads it with).

let key: string;

beforeAll(() => {
  key = opensslRsaKey(2048);
});

describe("RSA-PSS signatures with every MGF1 hash", () => {
  it.each([
    ["sha256", "sha1"],
    ["sha256", "sha256"],
    ["sha256", "sha512"],
    ["sha384", "sha1"],
    ["sha512", "sha256"],
    ["sha1", "sha512"],
  ])("verifies a CSR signed with %s and MGF1-%s, as OpenSSL does", async (hash, mgf1) => {
    const pem = opensslCsr({
      key,
      subject: "/C=DE/CN=pss.example.eu",
      args: [
        `-${hash}`,
        "-sigopt",
        "rsa_padding_mode:pss",
        "-sigopt",
        "rsa_pss_saltlen:32",
        "-sigopt",
        `rsa_mgf1_md:${mgf1}`,
      ],
    });
    expect(opensslVerifies(pem)).toBe(true);
    const { csr, problems } = await inspectCsr(pem);
    expect(problems).toEqual([]);
    expect(csr?.signatureAlgorithm).toBe("rsassa-pss");
  });

  it("verifies OpenSSL's default PSS salt (as long as the hash) and the maximum salt", async () => {
    for (const saltlen of ["digest", "max"]) {
      const pem = opensslCsr({
        key,
        args: ["-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", `rsa_pss_saltlen:${saltlen}`],
      });
      expect(opensslVerifies(pem)).toBe(true);
      expect((await inspectCsr(pem)).problems).toEqual([]);
    }
  });
});

describe("RSA-PSS beyond the common case", () => {
  it("verifies a CSR whose key is an RSASSA-PSS key restricted to SHA-256 with MGF1-SHA-1", async () => {
    const pssKey = openssl([
      "genpkey",
      "-algorithm",
      "RSA-PSS",
      "-pkeyopt",
      "rsa_keygen_bits:2048",
      "-pkeyopt",
      "rsa_pss_keygen_md:sha256",
      "-pkeyopt",
      "rsa_pss_keygen_mgf1_md:sha1",
      "-pkeyopt",
      "rsa_pss_keygen_saltlen:32",
    ]);
    const pem = opensslCsr({ key: pssKey, args: ["-sha256"] });
    expect(asn1parse(pem)).toContain(":rsassaPss");
    expect(opensslVerifies(pem)).toBe(true);
    const { csr, problems } = await inspectCsr(pem);
    expect(problems).toEqual([]);
    expect(csr?.key).toEqual({ algorithm: "RSA", bits: 2048 });
  });

  it("refuses every PSS CSR with one bit of its signature flipped, whatever the MGF1 hash", async () => {
    for (const mgf1 of ["sha1", "sha256"]) {
      const der = pemToDer(
        opensslCsr({
          key,
          args: ["-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", `rsa_mgf1_md:${mgf1}`],
        }),
      );
      for (let flip = 0; flip < 24; flip++) {
        const damaged = new Uint8Array(der);
        const at = der.length - 1 - flip * 10;
        damaged[at] = damaged[at]! ^ (1 << (flip % 8));
        const { problems } = await inspectCsr(damaged);
        expect(
          problems.map((p) => p.code),
          `MGF1-${mgf1}, byte ${at}`,
        ).toEqual(["bad-signature"]);
      }
    }
  });

  it("calls a PSS hash WebCrypto lacks an unsupported algorithm, not a damaged CSR", async () => {
    const pem = opensslCsr({ key, args: ["-sha224", "-sigopt", "rsa_padding_mode:pss"] });
    expect(opensslVerifies(pem)).toBe(true);
    const { problems } = await inspectCsr(pem);
    expect(problems.map((p) => p.code)).toEqual(["unsupported-algorithm"]);
    expect(problems[0]?.message).toContain("SHA-224");
  });
});

describe("attributes in any encoding OpenSSL reads", () => {
  it("reads a CSR whose challengePassword is an IA5String", async () => {
    // string_mask=default lets OpenSSL pick the smallest type allowed for the attribute; "@" is
    // not printable, so challengePassword (PKCS#9: DirectoryString or IA5String) becomes IA5.
    const pem = opensslCsr({
      key,
      config: [
        "[req]",
        "prompt = no",
        "string_mask = default",
        "distinguished_name = dn",
        "attributes = attrs",
        "req_extensions = ext",
        "[dn]",
        "C = DE",
        "CN = ia5.example.eu",
        "[attrs]",
        "challengePassword = s3cret@pass",
        "unstructuredName = Example@Unit",
        "[ext]",
        "subjectAltName = DNS:ia5.example.eu",
        "",
      ].join("\n"),
    });
    expect(asn1parse(pem)).toMatch(/:challengePassword\n.*SET\s*\n.*IA5STRING\s+:s3cret@pass/);
    expect(opensslVerifies(pem)).toBe(true);

    const decoded = decodeCsr(pem);
    expect(decoded.ok && decoded.csr.subject).toEqual({ countryName: "DE", commonName: "ia5.example.eu" });
    expect(decoded.ok && decoded.csr.dnsNames).toEqual(["ia5.example.eu"]);
    expect((await inspectCsr(pem, { domainNames: ["ia5.example.eu"] })).problems).toEqual([]);
  });
});
