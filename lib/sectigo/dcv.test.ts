import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCsr } from "@/lib/csr";
import { makeCsr } from "@/tests/support/csr";
import { dcvFileMatches, dcvValues } from "./dcv";

// The digests are computed independently by OpenSSL over the same DER.
function opensslDigest(algorithm: "md5" | "sha256", der: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "dcv-"));
  const file = join(dir, "csr.der");
  writeFileSync(file, der);
  const out = execFileSync("openssl", ["dgst", `-${algorithm}`, "-r", file], { encoding: "utf8" });
  return out.split(" ")[0]!.replace(/^\*/, "").trim();
}

describe("DCV values", async () => {
  const pem = await makeCsr({ subject: { commonName: "example.eu" }, dnsNames: ["example.eu"] });
  const decoded = decodeCsr(pem);
  if (!decoded.ok) throw new Error("test CSR does not decode");
  const der = Buffer.from(decoded.csr.base64, "base64");
  const md5 = opensslDigest("md5", der);
  const sha256 = opensslDigest("sha256", der);

  it("names the file after the MD5 and fills it with the SHA-256, the CA host and the unique value", () => {
    const values = dcvValues(pem, "example.eu", { uniqueValue: "abc123XYZ" });
    expect(values.md5).toBe(md5.toUpperCase());
    expect(values.sha256).toBe(sha256);
    expect(values.httpFile.path).toBe(`/.well-known/pki-validation/${md5.toUpperCase()}.txt`);
    expect(values.httpFile.content).toBe(`${sha256}\nsectigo.com\nabc123XYZ`);
  });

  it("builds the CNAME from the same digests, splitting the SHA-256 after 32 characters", () => {
    const values = dcvValues(der, "Shop.Example.EU.", { uniqueValue: "abc123XYZ" });
    expect(values.cname.name).toBe(`_${md5}.shop.example.eu`);
    expect(values.cname.target).toBe(`${sha256.slice(0, 32)}.${sha256.slice(32)}.abc123xyz.sectigo.com`);
  });

  it("leaves the unique value out when there is none, and takes another host", () => {
    const values = dcvValues(pem, "example.eu", { host: "comodoca.com" });
    expect(values.httpFile.content).toBe(`${sha256}\ncomodoca.com`);
    expect(values.cname.target).toBe(`${sha256.slice(0, 32)}.${sha256.slice(32)}.comodoca.com`);
  });

  it("matches a published file line by line, tolerating CRLF and a trailing newline only", () => {
    const { content } = dcvValues(pem, "example.eu", { uniqueValue: "u1" }).httpFile;
    expect(dcvFileMatches(`${content.replace(/\n/g, "\r\n")}\r\n`, content)).toBe(true);
    expect(dcvFileMatches(`${sha256}\nsectigo.com`, content)).toBe(false);
    expect(
      dcvFileMatches(`${sha256[0] === "0" ? "1" : "0"}${sha256.slice(1)}\nsectigo.com\nu1`, content),
    ).toBe(false);
  });
});
