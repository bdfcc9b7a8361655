// CSRs made by OpenSSL itself, the way customers make them, and RSA keys built from chosen primes
// (close primes, the ROCA structure) that no key generator would hand out. Node only: tests.
import { checkPrimeSync, createPrivateKey, generatePrimeSync } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs openssl in a fresh temporary directory holding `files`; returns its standard output. */
export function openssl(args: string[], files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "csr-openssl-"));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return execFileSync("openssl", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh RSA private key (PEM) from `openssl genpkey`. */
export function opensslRsaKey(bits = 2048, exponent?: number): string {
  const options = ["-pkeyopt", `rsa_keygen_bits:${bits}`];
  if (exponent !== undefined) options.push("-pkeyopt", `rsa_keygen_pubexp:${exponent}`);
  return openssl(["genpkey", "-algorithm", "RSA", ...options]);
}

export interface OpensslCsrOptions {
  /** PEM private key; a fresh RSA-2048 key when absent. */
  key?: string;
  /** `-subj` form, e.g. "/C=DE/CN=example.eu". */
  subject?: string;
  /** A whole `openssl req` config, used instead of `subject`. */
  config?: string;
  /** Extra arguments, e.g. ["-sigopt", "rsa_padding_mode:pss", "-sha256"]. */
  args?: string[];
}

/** `openssl req -new` with the given key and subject; the CSR as PEM. */
export function opensslCsr(opts: OpensslCsrOptions = {}): string {
  const files: Record<string, string> = { "key.pem": opts.key ?? opensslRsaKey() };
  const args = ["req", "-new", "-key", "key.pem", ...(opts.args ?? [])];
  if (opts.config !== undefined) {
    files["req.cnf"] = opts.config;
    args.push("-config", "req.cnf");
  } else {
    args.push("-subj", opts.subject ?? "/CN=example.eu");
  }
  return openssl(args, files);
}

/** `openssl asn1parse` of a PEM CSR: one line per element, as OpenSSL reads it. */
export function asn1parse(pem: string): string {
  return openssl(["asn1parse", "-in", "csr.pem"], { "csr.pem": pem });
}

/** OpenSSL's own verdict on a CSR's self-signature. */
export function opensslVerifies(pem: string): boolean {
  try {
    openssl(["req", "-in", "csr.pem", "-verify", "-noout"], { "csr.pem": pem });
    return true;
  } catch {
    return false;
  }
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error("not invertible");
  return ((oldS % m) + m) % m;
}

function base64url(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, "hex").toString("base64url");
}

/** An RSA private key (PKCS#8 PEM) with the given primes and exponent. */
export function rsaKeyFromPrimes(p: bigint, q: bigint, e = 65537n): string {
  const n = p * q;
  const d = modInverse(e, (p - 1n) * (q - 1n));
  const jwk = {
    kty: "RSA",
    n: base64url(n),
    e: base64url(e),
    d: base64url(d),
    p: base64url(p),
    q: base64url(q),
    dp: base64url(d % (p - 1n)),
    dq: base64url(d % (q - 1n)),
    qi: base64url(modInverse(q, p)),
  };
  return createPrivateKey({ key: jwk, format: "jwk" }).export({ type: "pkcs8", format: "pem" }) as string;
}

/** The first prime at or after `from` (Node's OpenSSL primality test). */
export function nextPrime(from: bigint): bigint {
  let candidate = from % 2n === 0n ? from + 1n : from;
  while (!checkPrimeSync(candidate)) candidate += 2n;
  return candidate;
}

export function randomPrime(bits: number): bigint {
  return generatePrimeSync(bits, { bigint: true });
}

/** Integer square root, rounded down. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * The round of Fermat's method (a = ceil(sqrt(n)) + round - 1) in which n = pq falls apart:
 * computed from the known primes, so the test knows the answer without running the method.
 */
export function fermatRound(p: bigint, q: bigint): bigint {
  const n = p * q;
  const root = isqrt(n);
  const start = root * root === n ? root : root + 1n;
  return (p + q) / 2n - start + 1n;
}
