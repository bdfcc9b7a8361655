import { beforeAll, describe, expect, it } from "vitest";

import { makeCsr, pemToDer } from "@/tests/support/csr";
import {
  asn1parse,
  fermatRoundOfPrimes,
  openssl,
  opensslCsr,
  opensslRsaKey,
  opensslVerifies,
  primesFactoredInRound,
  randomPrime,
  rocaPrime,
  rsaKeyFromPrimes,
} from "@/tests/support/openssl";

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

describe("keys a CA must refuse, in CSRs OpenSSL signed", () => {
  it("refuses a key whose primes are so close that Fermat's method factors it (issue: 41 rounds)", async () => {
    const [p, q] = primesFactoredInRound(41);
    const round = fermatRoundOfPrimes(p, q);
    const pem = opensslCsr({ key: rsaKeyFromPrimes(p, q), subject: "/C=DE/CN=close.example.eu" });
    expect(opensslVerifies(pem)).toBe(true);
    const { csr, problems } = await inspectCsr(pem);
    expect(csr?.key).toEqual({ algorithm: "RSA", bits: 2048 });
    expect(problems).toEqual([expect.objectContaining({ code: "insecure-key", sectigoCode: -13 })]);
    expect(problems[0]?.message).toContain("two prime numbers so close to each other");
    expect(problems[0]?.message).toContain(`Fermat's method finds them in ${round} steps`);
  });

  it("accepts a key of two random primes, and one whose primes are close but not within 100 rounds", async () => {
    const [p, q] = primesFactoredInRound(400);
    expect(fermatRoundOfPrimes(p, q)).toBeGreaterThan(100);
    for (const pem of [
      opensslCsr({ key: rsaKeyFromPrimes(p, q) }),
      opensslCsr({ key: rsaKeyFromPrimes(randomPrime(1024), randomPrime(1024)) }),
    ]) {
      expect((await inspectCsr(pem)).problems).toEqual([]);
    }
  });

  it("refuses a key with the ROCA fingerprint (primes built the Infineon library's way)", async () => {
    const pem = opensslCsr({ key: rsaKeyFromPrimes(rocaPrime(), rocaPrime()) });
    expect(opensslVerifies(pem)).toBe(true);
    const { problems } = await inspectCsr(pem);
    expect(problems.map((p) => p.code)).toEqual(["insecure-key"]);
    expect(problems[0]?.message).toContain("ROCA");
    expect(problems[0]?.message).toContain("CVE-2017-15361");
  });

  it("refuses a key with the public exponent 3", async () => {
    const pem = opensslCsr({ key: opensslRsaKey(2048, 3) });
    expect(asn1parse(pem)).toMatch(/rsaEncryption/);
    expect(opensslVerifies(pem)).toBe(true);
    const { problems } = await inspectCsr(pem);
    expect(problems.map((p) => p.code)).toEqual(["insecure-key"]);
    expect(problems[0]?.message).toContain("public exponent 3.");
    expect(problems[0]?.message).toContain("odd exponent from 65537");
  });
});

describe("X.520 upper bounds of the subject (RFC 5280 Appendix A)", () => {
  const cn65 = `${"a".repeat(57)}.example`;

  it("OpenSSL itself will not write a 65-character CN or a 3-letter country", () => {
    expect(cn65).toHaveLength(65);
    expect(() => opensslCsr({ key, subject: `/CN=${cn65}` })).toThrow(/string too long.*maxsize=64/s);
    expect(() => opensslCsr({ key, subject: "/C=DEU/CN=example.eu" })).toThrow(/string too long.*maxsize=2/s);
  });

  it("refuses a CSR made elsewhere with a 65-character CN, naming the field", async () => {
    const { problems } = await inspectCsr(await makeCsr({ subject: { commonName: cn65 } }));
    expect(problems).toEqual([expect.objectContaining({ code: "subject-bounds", sectigoCode: -4 })]);
    expect(problems[0]?.message).toBe(
      "The CSR's subject cannot go into a certificate: its common name (CN) is 65 characters long, but at most 64 are allowed. Create a new CSR with this field corrected.",
    );
  });

  it("names every field out of bounds at once: O of 65 characters, a 3-letter country", async () => {
    const subject = { commonName: "Example", organizationName: "O".repeat(65), countryName: "DEU" };
    const { problems } = await inspectCsr(await makeCsr({ subject }));
    expect(problems.map((p) => p.code)).toEqual(["subject-bounds"]);
    expect(problems[0]?.message).toContain("its organization (O) is 65 characters long, but at most 64");
    expect(problems[0]?.message).toContain('its country (C) is "DEU", but must be exactly two letters');
    expect(problems[0]?.message).toContain("with these fields corrected");
  });

  it("counts characters, not bytes, and accepts values at the bound", async () => {
    const subject = {
      commonName: "Ø".repeat(64),
      organizationName: "名".repeat(64),
      localityName: "L".repeat(128),
      stateOrProvinceName: "S".repeat(128),
      organizationalUnitName: "U".repeat(64),
      serialNumber: "1".repeat(64),
      postalCode: "9".repeat(40),
      streetAddress: "s".repeat(128),
      countryName: "DE",
    };
    expect((await inspectCsr(await makeCsr({ subject }))).problems).toEqual([]);
    for (const [field, value, label] of [
      ["localityName", "L".repeat(129), "city or locality (L) is 129"],
      ["stateOrProvinceName", "S".repeat(129), "state or province (ST) is 129"],
      ["organizationalUnitName", "U".repeat(65), "organizational unit (OU) is 65"],
      ["serialNumber", "1".repeat(65), "serial number (serialNumber) is 65"],
      ["postalCode", "9".repeat(41), "postal code (postalCode) is 41"],
      ["streetAddress", "s".repeat(129), "street address (street) is 129"],
    ] as const) {
      const { problems } = await inspectCsr(await makeCsr({ subject: { ...subject, [field]: value } }));
      expect(problems.map((p) => p.message).join(" "), field).toContain(label);
    }
  });
});
