import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { bytesToBase64, toPem } from "./encoding";
import { generateKeyAndCsr } from "./generate";
import { encryptPrivateKey } from "./pkcs8";
import { webCrypto } from "./x509";

const PASSWORD = "correct horse battery staple";

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "pkcs8-")), name);
  writeFileSync(file, content);
  return file;
}

function openssl(args: string[]): string {
  return execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function pkcs8Of(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await webCrypto().subtle.exportKey("pkcs8", key));
}

describe("encryptPrivateKey", () => {
  it.each(["RSA-2048", "P-256", "P-384"] as const)(
    "writes a %s key that openssl opens with the password and that matches the CSR",
    async (algorithm) => {
      const { csrPem, privateKey } = await generateKeyAndCsr({
        algorithm,
        subject: { commonName: "Anna Example", countryName: "DE" },
      });
      const pem = await encryptPrivateKey(await pkcs8Of(privateKey), PASSWORD);
      expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      expect(pem).not.toContain("BEGIN PRIVATE KEY");
      // One decryption (600,000 PBKDF2 rounds); the public key is then read from the clear key.
      const clear = openssl(["pkey", "-in", tempFile("key.pem", pem), "-passin", `pass:${PASSWORD}`]);
      expect(clear).toBe(toPem(bytesToBase64(await pkcs8Of(privateKey)), "PRIVATE KEY"));
      const fromKey = openssl(["pkey", "-in", tempFile("clear.pem", clear), "-pubout"]);
      const fromCsr = openssl(["req", "-in", tempFile("req.pem", csrPem), "-pubkey", "-noout"]);
      expect(fromKey).toContain("-----BEGIN PUBLIC KEY-----");
      expect(fromKey).toBe(fromCsr);
    },
    60_000,
  );

  it("uses PBES2 with PBKDF2 (HMAC-SHA256, a fresh salt) and AES-256-CBC, as OpenSSL writes it", async () => {
    const { privateKey } = await generateKeyAndCsr({ algorithm: "P-256", subject: { commonName: "x" } });
    const pkcs8 = await pkcs8Of(privateKey);
    const first = await encryptPrivateKey(pkcs8, PASSWORD);
    const second = await encryptPrivateKey(pkcs8, PASSWORD);
    expect(first).not.toBe(second);
    const structure = openssl(["asn1parse", "-in", tempFile("key.pem", first)]);
    expect(structure).toContain("PBES2");
    expect(structure).toContain("PBKDF2");
    expect(structure).toContain("hmacWithSHA256");
    expect(structure).toContain("aes-256-cbc");
    const iterations = /INTEGER\s+:([0-9A-F]+)/.exec(structure)?.[1];
    expect(parseInt(iterations ?? "0", 16)).toBeGreaterThanOrEqual(100_000);
  }, 60_000);

  it("is refused by openssl with a wrong password", async () => {
    const { privateKey } = await generateKeyAndCsr({ algorithm: "P-256", subject: { commonName: "x" } });
    const keyFile = tempFile("key.pem", await encryptPrivateKey(await pkcs8Of(privateKey), PASSWORD));
    const result = spawnSync("openssl", ["pkey", "-in", keyFile, "-passin", "pass:wrong password"], {
      encoding: "utf8",
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain("PRIVATE KEY");
  }, 60_000);

  it("refuses an empty password", async () => {
    const { privateKey } = await generateKeyAndCsr({ algorithm: "P-256", subject: { commonName: "x" } });
    await expect(encryptPrivateKey(await pkcs8Of(privateKey), "")).rejects.toThrow(/password/);
  });
});
