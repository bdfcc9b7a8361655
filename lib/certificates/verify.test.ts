import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { webCrypto, x509 } from "@/lib/csr/x509";
import { makeCsr } from "@/tests/support/csr";
import { buildDownload } from "./formats";
import { verifyCollected } from "./verify";

// Real certificates: a root, an issuing CA and a leaf issued for a real CSR, then checked the
// way a collected certificate is, and every download opened by OpenSSL.

const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
interface Ca {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

async function makeCa(name: string, issuer?: Ca): Promise<Ca> {
  const keys = (await webCrypto().subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const extensions = [new x509.BasicConstraintsExtension(true, undefined, true)];
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        subject: name,
        issuer: issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
        signingAlgorithm: alg,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 365 * 86_400_000),
        extensions,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        name,
        keys,
        signingAlgorithm: alg,
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 3650 * 86_400_000),
        extensions,
      });
  return { cert, keys };
}

async function issue(csrPem: string, issuer: Ca, subject = "CN=seal.example.eu, O=Example Bank AG, C=DE") {
  const csr = new x509.Pkcs10CertificateRequest(csrPem);
  const leaf = await x509.X509CertificateGenerator.create({
    subject,
    issuer: issuer.cert.subject,
    publicKey: await csr.publicKey.export(webCrypto()),
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: alg,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
  });
  return leaf.toString("pem");
}

let root: Ca;
let issuing: Ca;
let csrPem: string;
let leafPem: string;

beforeAll(async () => {
  root = await makeCa("CN=Test Root");
  issuing = await makeCa("CN=Test Issuing CA", root);
  csrPem = await makeCsr({ subject: { commonName: "seal.example.eu", organizationName: "Example Bank AG" } });
  leafPem = await issue(csrPem, issuing);
});

describe("verifying a collected certificate", () => {
  it("accepts the CSR's key under a chain that links to its root, and orders the chain", async () => {
    const result = await verifyCollected(
      { certificatePem: leafPem, chainPem: [root.cert.toString("pem"), issuing.cert.toString("pem")] },
      { csrPem, commonName: "seal.example.eu", organizationName: "example bank ag" },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.certificate.chainPem).toEqual([issuing.cert.toString("pem"), root.cert.toString("pem")]);
    expect(result.certificate.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const opensslFingerprint = execFileSync("openssl", ["x509", "-noout", "-fingerprint", "-sha256"], {
      input: leafPem,
    })
      .toString()
      .trim()
      .split("=")[1];
    expect(result.certificate.sha256).toBe(opensslFingerprint);
  });

  it("refuses a certificate for another key", async () => {
    const otherCsr = await makeCsr({ algorithm: "P-256" });
    const result = await verifyCollected(
      {
        certificatePem: await issue(otherCsr, issuing),
        chainPem: [issuing.cert.toString("pem"), root.cert.toString("pem")],
      },
      { csrPem },
    );
    expect(result).toEqual({ ok: false, problem: expect.stringMatching(/not the key of the order's CSR/) });
  });

  it("refuses a chain with a missing link, a foreign root and a wrong subject", async () => {
    const missing = await verifyCollected(
      { certificatePem: leafPem, chainPem: [root.cert.toString("pem")] },
      { csrPem },
    );
    expect(missing).toMatchObject({ ok: false, problem: expect.stringMatching(/missing/) });

    const otherRoot = await makeCa("CN=Other Root");
    const foreign = await verifyCollected(
      { certificatePem: leafPem, chainPem: [issuing.cert.toString("pem"), root.cert.toString("pem")] },
      { csrPem, trustedRoots: [otherRoot.cert.toString("pem")] },
    );
    expect(foreign).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not one of the trusted roots/),
    });

    const wrongName = await verifyCollected(
      { certificatePem: leafPem, chainPem: [issuing.cert.toString("pem"), root.cert.toString("pem")] },
      { csrPem, organizationName: "Another Bank" },
    );
    expect(wrongName).toMatchObject({ ok: false, problem: expect.stringMatching(/O=Another Bank/) });

    const forged = await makeCa("CN=Test Issuing CA"); // same name, different key
    const impostor = await verifyCollected(
      { certificatePem: leafPem, chainPem: [forged.cert.toString("pem"), root.cert.toString("pem")] },
      { csrPem },
    );
    expect(impostor.ok).toBe(false);

    expect(await verifyCollected({ certificatePem: "garbage", chainPem: [] }, {})).toMatchObject({
      ok: false,
    });
  });
});

describe("downloads open with OpenSSL", () => {
  it("PEM, DER, full chain and PKCS#7 each hold what they promise", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cert-formats-"));
    const stored = {
      certificatePem: leafPem,
      chainPem: [issuing.cert.toString("pem"), root.cert.toString("pem")],
    };
    const file = (format: "pem" | "der" | "chain" | "p7b") => {
      const f = buildDownload(stored, format, "EO-2026 1");
      const at = path.join(dir, f.fileName);
      writeFileSync(at, f.body);
      return { ...f, at };
    };
    const serial = execFileSync("openssl", ["x509", "-noout", "-serial"], { input: leafPem })
      .toString()
      .trim();

    const pem = file("pem");
    expect(pem.fileName).toBe("EO-2026_1.pem");
    expect(execFileSync("openssl", ["x509", "-in", pem.at, "-noout", "-serial"]).toString().trim()).toBe(
      serial,
    );
    const der = file("der");
    expect(
      execFileSync("openssl", ["x509", "-inform", "DER", "-in", der.at, "-noout", "-serial"])
        .toString()
        .trim(),
    ).toBe(serial);
    const chain = file("chain");
    const rootFile = path.join(dir, "root.pem");
    writeFileSync(rootFile, root.cert.toString("pem"));
    const issuingFile = path.join(dir, "issuing.pem");
    writeFileSync(issuingFile, issuing.cert.toString("pem"));
    expect(
      execFileSync("openssl", ["verify", "-CAfile", rootFile, "-untrusted", chain.at, pem.at]).toString(),
    ).toContain(": OK");
    const p7b = file("p7b");
    const printed = execFileSync("openssl", ["pkcs7", "-in", p7b.at, "-print_certs", "-noout"]).toString();
    expect(printed.match(/subject=/g)).toHaveLength(3);
    expect(printed).toContain("Test Issuing CA");
  });
});
