import { describe, expect, it } from "vitest";

import { makeCsr, pemToBase64, pemToDer } from "@/tests/support/csr";

import { decodeCsr } from "./decode";
import { inspectCsr } from "./inspect";
import { verifyCsrSignature } from "./verify";

function codes(problems: { sectigoCode: number | null }[]) {
  return problems.map((problem) => problem.sectigoCode);
}

/** Swaps one run of DER bytes for another of the same length. */
function patch(der: Uint8Array, from: number[], to: number[]): Uint8Array {
  const at = Buffer.from(der).indexOf(Buffer.from(from));
  if (at < 0) throw new Error("pattern not found");
  const copy = new Uint8Array(der);
  copy.set(to, at);
  return copy;
}

describe("inspectCsr: keys and signatures", () => {
  it.each(["RSA-2048", "RSA-4096", "P-256", "P-384"] as const)(
    "accepts a valid %s CSR",
    async (algorithm) => {
      const { csr, problems } = await inspectCsr(await makeCsr({ algorithm }));
      expect(problems).toEqual([]);
      expect(csr?.subject.commonName).toBe("example.eu");
    },
  );

  it("rejects a 1024-bit RSA key (-13)", async () => {
    const { csr, problems } = await inspectCsr(await makeCsr({ algorithm: "RSA-1024" }));
    expect(csr?.key).toEqual({ algorithm: "RSA", bits: 1024 });
    expect(problems).toEqual([expect.objectContaining({ code: "weak-key", sectigoCode: -13 })]);
    expect(problems[0]?.message).toContain("1024 bits");
  });

  it.each(["RSA-2048", "P-256", "P-384"] as const)(
    "rejects a %s CSR whose signature was tampered with (-12)",
    async (algorithm) => {
      const pem = await makeCsr({ algorithm, tamper: true });
      const { csr, problems } = await inspectCsr(pem);
      expect(csr).toBeDefined();
      expect(problems).toEqual([expect.objectContaining({ code: "bad-signature", sectigoCode: -12 })]);
    },
  );

  it("rejects an Ed25519 key as an unsupported algorithm (-11) without a signature error", async () => {
    const { csr, problems } = await inspectCsr(await makeCsr({ algorithm: "Ed25519" }));
    expect(csr?.key.algorithm).toBe("Ed25519");
    expect(problems).toEqual([expect.objectContaining({ code: "unsupported-algorithm", sectigoCode: -11 })]);
    expect(problems[0]?.message).toContain("Ed25519");
  });

  it("rejects an EC key on a curve Sectigo does not accept (-11)", async () => {
    const der = patch(
      pemToDer(await makeCsr({ algorithm: "P-384" })),
      [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
      [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a],
    );
    const { problems } = await inspectCsr(der);
    expect(codes(problems)).toEqual([-11]);
    expect(problems[0]?.message).toContain("secp256k1");
  });

  it("rejects a signature algorithm WebCrypto cannot check as unsupported (-11), not as invalid", async () => {
    // sha256WithRSAEncryption (…1.1.11) becomes md5WithRSAEncryption (…1.1.4).
    const der = patch(
      pemToDer(await makeCsr()),
      [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
      [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04],
    );
    const { csr, problems } = await inspectCsr(der);
    expect(csr?.signatureAlgorithm).toBe("md5WithRSAEncryption");
    expect(codes(problems)).toEqual([-11]);
    expect(problems[0]?.message).toContain("md5WithRSAEncryption");
  });

  it("reports decoding problems alone, without a CSR", async () => {
    expect(await inspectCsr("not a csr!")).toEqual({
      problems: [expect.objectContaining({ code: "not-base64", sectigoCode: -9 })],
    });
    expect((await inspectCsr("")).problems[0]?.code).toBe("empty");
  });
});

describe("inspectCsr: names", () => {
  it("rejects a wildcard in the CN (-5)", async () => {
    const { problems } = await inspectCsr(await makeCsr({ subject: { commonName: "*.example.eu" } }));
    expect(problems).toEqual([expect.objectContaining({ code: "wildcard-cn", sectigoCode: -5 })]);
    expect(problems[0]?.message).toContain('"*.example.eu"');
  });

  it("rejects a wildcard in a SAN dNSName (-5) unless wildcards are allowed", async () => {
    const pem = await makeCsr({ dnsNames: ["example.eu", "*.example.eu"] });
    expect(codes((await inspectCsr(pem)).problems)).toEqual([-5]);
    expect((await inspectCsr(pem, { forbidWildcard: false })).problems).toEqual([]);
  });

  it("accepts names that are all among the order's domains, case-insensitively", async () => {
    const pem = await makeCsr({
      subject: { commonName: "Example.EU" },
      dnsNames: ["example.eu", "WWW.example.eu"],
    });
    const { problems } = await inspectCsr(pem, { domainNames: ["www.EXAMPLE.eu", "example.eu."] });
    expect(problems).toEqual([]);
  });

  it("names every CN and SAN outside the order's domains (-162)", async () => {
    const pem = await makeCsr({
      subject: { commonName: "shop.example.eu" },
      dnsNames: ["example.eu", "api.example.eu", "other.example.org"],
    });
    const { problems } = await inspectCsr(pem, { domainNames: ["example.eu"] });
    expect(problems).toEqual([expect.objectContaining({ code: "names-not-in-domains", sectigoCode: -162 })]);
    const message = problems[0]?.message ?? "";
    for (const name of ["shop.example.eu", "api.example.eu", "other.example.org"]) {
      expect(message).toContain(`"${name}"`);
    }
    expect(message).not.toContain('"example.eu"');
  });

  it("ignores a CN that is not a domain name (e.g. a QSeal's organisation name)", async () => {
    const pem = await makeCsr({ subject: { commonName: "Example Bank SA" }, dnsNames: ["example.eu"] });
    expect((await inspectCsr(pem, { domainNames: ["example.eu"] })).problems).toEqual([]);
  });

  it("does not check names against domains when no domain list is given", async () => {
    const pem = await makeCsr({ dnsNames: ["anything.example.org"] });
    expect((await inspectCsr(pem)).problems).toEqual([]);
  });

  it("collects every problem, not only the first", async () => {
    const pem = await makeCsr({
      algorithm: "RSA-1024",
      subject: { commonName: "*.example.org" },
      tamper: true,
    });
    const { problems } = await inspectCsr(pem, { domainNames: ["example.eu"] });
    expect(codes(problems)).toEqual([-13, -12, -5, -162]);
  });
});

describe("verifyCsrSignature", () => {
  it("is true for an intact CSR and false for a tampered one", async () => {
    const intact = decodeCsr(await makeCsr({ algorithm: "P-256" }));
    const tampered = decodeCsr(await makeCsr({ algorithm: "P-256", tamper: true }));
    if (!intact.ok || !tampered.ok) throw new Error("fixtures must decode");
    expect(await verifyCsrSignature(intact.csr)).toBe(true);
    expect(await verifyCsrSignature(tampered.csr)).toBe(false);
  });

  it("works from the DER, so edited fields cannot pass for a signed CSR", async () => {
    const result = decodeCsr(await makeCsr());
    if (!result.ok) throw new Error("fixture must decode");
    const forged = { ...result.csr, base64: pemToBase64(await makeCsr({ tamper: true })) };
    expect(await verifyCsrSignature(forged)).toBe(false);
    expect(await verifyCsrSignature({ ...result.csr, base64: "!!" })).toBe(false);
  });

  it("is false for an algorithm it does not support", async () => {
    const der = patch(
      pemToDer(await makeCsr()),
      [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
      [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04],
    );
    const result = decodeCsr(der);
    if (!result.ok) throw new Error("fixture must decode");
    expect(await verifyCsrSignature(result.csr)).toBe(false);
  });
});
