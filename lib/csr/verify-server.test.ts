import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCsr, pemToDer, type TestCsrAlgorithm } from "@/tests/support/csr";
import { csrLayout } from "@/tests/hostile/support/arbitraries";
import { parseCsr, reusingParse, type ParsedCsr } from "./decode";
import { verifyParsedCsr } from "./verify";
import { verifyParsedCsrOnServer } from "./verify-server";
import { webCrypto, x509 } from "./x509";

// The server's node:crypto signature check must answer exactly as WebCrypto does, for every CSR
// (valid, damaged, of an algorithm it leaves to WebCrypto): the customer sees the same result.

function parsedOf(input: string | Uint8Array): ParsedCsr | null {
  const result = parseCsr(input);
  return result.ok ? result.parsed : null;
}

async function bothVerdicts(input: string | Uint8Array) {
  const parsed = parsedOf(input);
  if (!parsed) return null;
  return { server: await verifyParsedCsrOnServer(parsed), webCrypto: await verifyParsedCsr(parsed) };
}

/** A CSR signed with the given WebCrypto algorithms (hashes and paddings makeCsr does not make). */
async function csrSignedWith(keyAlgorithm: RsaHashedKeyGenParams, signing: Algorithm): Promise<string> {
  const keys = (await webCrypto().subtle.generateKey(keyAlgorithm, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: "CN=example.eu",
    keys,
    signingAlgorithm: signing,
  });
  return request.toString("pem");
}

const rsaKey = (hash: string, name = "RSASSA-PKCS1-v1_5"): RsaHashedKeyGenParams => ({
  name,
  hash,
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
});

describe("verifyParsedCsrOnServer", () => {
  let rsa: Uint8Array;
  let ec: Uint8Array;
  beforeAll(async () => {
    [rsa, ec] = await Promise.all([
      makeCsr({ algorithm: "RSA-2048", dnsNames: ["example.eu"] }).then(pemToDer),
      makeCsr({ algorithm: "P-256", dnsNames: ["example.eu"] }).then(pemToDer),
    ]);
  });

  it.each(["RSA-1024", "RSA-2048", "RSA-4096", "P-256", "P-384", "Ed25519"] as TestCsrAlgorithm[])(
    "accepts a valid %s CSR, as WebCrypto does",
    async (algorithm) => {
      expect(await bothVerdicts(await makeCsr({ algorithm }))).toEqual({ server: true, webCrypto: true });
    },
  );

  it.each([
    ["sha1WithRSAEncryption", rsaKey("SHA-1"), { name: "RSASSA-PKCS1-v1_5" }],
    ["sha384WithRSAEncryption", rsaKey("SHA-384"), { name: "RSASSA-PKCS1-v1_5" }],
    ["sha512WithRSAEncryption", rsaKey("SHA-512"), { name: "RSASSA-PKCS1-v1_5" }],
    ["rsassa-pss", rsaKey("SHA-256", "RSA-PSS"), { name: "RSA-PSS", saltLength: 32 } as Algorithm],
  ])("accepts a valid %s CSR, as WebCrypto does", async (name, key, signing) => {
    const pem = await csrSignedWith(key, signing);
    expect(parsedOf(pem)?.csr.signatureAlgorithm).toBe(name);
    expect(await bothVerdicts(pem)).toEqual({ server: true, webCrypto: true });
  });

  it("answers as WebCrypto does for a CSR with any one bit flipped", async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("rsa", "ec"), fc.nat(), fc.nat({ max: 7 }), async (which, at, bit) => {
        const der = new Uint8Array(which === "rsa" ? rsa : ec);
        const position = at % der.length;
        der[position] = der[position]! ^ (1 << bit);
        const verdicts = await bothVerdicts(der);
        if (!verdicts) return;
        expect(verdicts.server, `bit ${bit} of byte ${position} flipped`).toBe(verdicts.webCrypto);
        if (!verdicts.server) refused += 1;
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(0);
  });

  it("refuses every flip in the signature and its unsigned tail, as WebCrypto does", async () => {
    for (const original of [rsa, ec]) {
      const { tail, end } = csrLayout(original);
      for (let position = tail; position < end; position += 3) {
        const der = new Uint8Array(original);
        der[position] = der[position]! ^ 0x10;
        const verdicts = await bothVerdicts(der);
        if (verdicts)
          expect(verdicts, `byte ${position} flipped`).toEqual({ server: false, webCrypto: false });
      }
    }
  });
});

describe("reusingParse", () => {
  it("hands the given parse to decodes of the same text inside it, and only inside it", async () => {
    const pem = await makeCsr();
    const result = parseCsr(pem);
    const inside = reusingParse(pem, result, () => [parseCsr(`\n  ${pem.trim()}  \n`), parseCsr(pem)]);
    expect(inside[0]).toBe(result);
    expect(inside[1]).toBe(result);
    expect(reusingParse(pem, result, () => parseCsr(pem.replace("\n", "\r\n")))).not.toBe(result);
    const after = parseCsr(pem);
    expect(after).not.toBe(result);
    expect(after).toEqual(result);
  });
});
