import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptPrivateKey } from "@/lib/csr/pkcs8";
import { buildPkcs12 } from "./pkcs12";
import { keyMatchesCertificate, readPrivateKeyFile } from "./private-key-file";

// Keys and certificates made by OpenSSL the way customers make them, read in every format the
// portal accepts, packed into PKCS#12 and opened again by OpenSSL.

const dir = mkdtempSync(path.join(tmpdir(), "pkcs12-"));
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" }).toString();
const bytes = (name: string) => new Uint8Array(readFileSync(file(name)));

function issue(name: string, keyArgs: string[], cn: string): void {
  openssl(...keyArgs);
  openssl(
    "req",
    "-new",
    "-key",
    `${name}.key`,
    "-subj",
    `/CN=${cn}/O=Example Bank AG/C=DE`,
    "-out",
    `${name}.csr`,
  );
  openssl(
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "30",
    "-out",
    `${name}.pem`,
  );
}

beforeAll(() => {
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-subj",
    "/CN=Test Issuing CA",
    "-days",
    "30",
  );
  issue(
    "rsa",
    ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key"],
    "rsa.example.eu",
  );
  issue("ec", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key"], "ec.example.eu");
  issue(
    "other",
    ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "other.key"],
    "other.example.eu",
  );
  openssl(
    "pkcs8",
    "-topk8",
    "-in",
    "rsa.key",
    "-passout",
    "pass:open sesame",
    "-out",
    "rsa-openssl-encrypted.key",
  );
  openssl("rsa", "-in", "rsa.key", "-traditional", "-out", "rsa-pkcs1.key");
  openssl("rsa", "-in", "rsa.key", "-traditional", "-aes256", "-passout", "pass:x", "-out", "rsa-legacy.key");
  openssl("pkcs8", "-topk8", "-nocrypt", "-in", "rsa.key", "-outform", "DER", "-out", "rsa.der");
  // OpenSSL 3.0's `pkey -outform DER` writes an RSA key as PKCS#1, an EC key as SEC1.
  openssl("pkey", "-in", "rsa.key", "-outform", "DER", "-out", "rsa-pkcs1.der");
  openssl("pkey", "-in", "ec.key", "-outform", "DER", "-out", "ec-sec1.der");
});

const pem = (name: string) => readFileSync(file(name), "utf8");

async function readKey(name: string, password?: string) {
  const read = await readPrivateKeyFile(bytes(name), password);
  if (!read.ok) return read;
  return keyMatchesCertificate(read.pkcs8, pem(name.startsWith("ec") ? "ec.pem" : "rsa.pem"));
}

describe("reading the customer's key file", () => {
  it.each([
    ["PKCS#8 PEM (openssl genpkey)", "rsa.key", undefined],
    ["PKCS#1 PEM (openssl rsa -traditional)", "rsa-pkcs1.key", undefined],
    ["PKCS#8 DER", "rsa.der", undefined],
    ["PKCS#1 DER (openssl pkey -outform DER)", "rsa-pkcs1.der", undefined],
    ["SEC1 DER (openssl pkey -outform DER)", "ec-sec1.der", undefined],
    ["encrypted PKCS#8 (openssl pkcs8 -topk8)", "rsa-openssl-encrypted.key", "open sesame"],
    ["SEC1 EC PEM (openssl ecparam -genkey)", "ec.key", undefined],
  ])("%s is read and matches its certificate", async (_, name, password) => {
    expect(await readKey(name, password)).toMatchObject({ ok: true });
  });

  it("reads the portal's own password-protected file", async () => {
    const der = bytes("rsa.der");
    writeFileSync(file("rsa-portal.key"), await encryptPrivateKey(der, "correct horse"));
    expect(await readKey("rsa-portal.key", "correct horse")).toMatchObject({ ok: true });
  });

  it("asks for the password of a protected file, and refuses a wrong one", async () => {
    expect(await readKey("rsa-openssl-encrypted.key")).toMatchObject({ ok: false, needsPassword: true });
    expect(await readKey("rsa-openssl-encrypted.key", "wrong")).toMatchObject({
      ok: false,
      wrongPassword: true,
    });
  });

  it("refuses the key of another certificate, a CSR, and OpenSSL's old PEM encryption, saying why", async () => {
    const other = await readPrivateKeyFile(bytes("other.key"));
    expect(other.ok).toBe(true);
    const mismatch = await keyMatchesCertificate((other as { pkcs8: Uint8Array }).pkcs8, pem("rsa.pem"));
    expect(mismatch).toMatchObject({ ok: false, problem: expect.stringMatching(/does not belong/) });
    expect(await readKey("rsa.csr")).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/holds a CSR/),
    });
    expect(await readKey("rsa-legacy.key", "x")).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/openssl pkcs8 -topk8/),
    });
  });
});

describe("the PKCS#12 file", () => {
  it.each(["rsa", "ec"])(
    "opens in OpenSSL with its password: %s key, certificate and chain",
    async (kind) => {
      const read = await readPrivateKeyFile(bytes(`${kind}.key`));
      if (!read.ok) throw new Error(read.problem);
      const p12 = await buildPkcs12({
        pkcs8: read.pkcs8,
        certificates: [pem(`${kind}.pem`), pem("ca.pem")],
        password: "Pässwort für p12",
        friendlyName: `${kind}.example.eu`,
      });
      writeFileSync(file(`${kind}.p12`), p12);

      const info = spawnSync(
        "openssl",
        ["pkcs12", "-in", `${kind}.p12`, "-info", "-noout", "-passin", "pass:Pässwort für p12"],
        { cwd: dir, encoding: "utf8" },
      );
      expect(info.status).toBe(0);
      expect(info.stderr).toMatch(/MAC: sha256, Iteration 100000/);
      expect(info.stderr).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);

      const out = openssl("pkcs12", "-in", `${kind}.p12`, "-nodes", "-passin", "pass:Pässwort für p12");
      const certs = out.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
      expect(certs).toHaveLength(2);
      expect(out).toMatch(/friendlyName: .*example\.eu/);
      writeFileSync(file(`${kind}-out.pem`), out);
      // The key inside is the certificate's: both give the same public key.
      const fromKey = openssl("pkey", "-in", `${kind}-out.pem`, "-pubout");
      const fromCert = openssl("x509", "-in", `${kind}.pem`, "-noout", "-pubkey");
      expect(fromKey).toBe(fromCert);

      const wrong = spawnSync(
        "openssl",
        ["pkcs12", "-in", `${kind}.p12`, "-noout", "-passin", "pass:wrong"],
        {
          cwd: dir,
        },
      );
      expect(wrong.status).not.toBe(0);
    },
  );
});
