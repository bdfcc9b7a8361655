// CSRs made by OpenSSL itself, the way customers make them, and RSA keys built from chosen primes
// (close primes, the ROCA structure) that no key generator would hand out. Node only: tests.
import { checkPrimeSync, createPrivateKey, generatePrimeSync } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isqrt } from "@/lib/csr/key-quality";

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

/**
 * The round of Fermat's method (a = ceil(sqrt(n)) + round - 1) in which n = pq falls apart:
 * computed from the known primes, so the test knows the answer without running the method.
 */
export function fermatRoundOfPrimes(p: bigint, q: bigint): number {
  const n = p * q;
  const root = isqrt(n);
  const start = root * root === n ? root : root + 1n;
  return Number((p + q) / 2n - start + 1n);
}

/**
 * Two 1024-bit primes that Fermat's method separates in about `round` rounds: with
 * a = (p + q) / 2 and b = (q - p) / 2, it needs about b² / 2a rounds, so q - p ≈ 2·sqrt(2a·round).
 */
export function primesFactoredInRound(round: number): [bigint, bigint] {
  const p = randomPrime(1024);
  const gap = 2n * isqrt(2n * p * BigInt(Math.max(round - 1, 0)));
  return [p, nextPrime(p + gap + 2n)];
}

// The Infineon library's primes: p = k·M + (65537^a mod M), M the product of the primes up to
// 167 (the detector's primes; the library's own M is a multiple of it). Nemec et al., CCS 2017.
const ROCA_M = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
  107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
].reduce((product, p) => product * BigInt(p), 1n);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function randomBigInt(bits: number): bigint {
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  crypto.getRandomValues(bytes);
  return BigInt(`0x${Buffer.from(bytes).toString("hex")}`) >> BigInt(bytes.length * 8 - bits);
}

/**
 * A prime with the structure the Infineon library gave its primes (ROCA), between 1.5·2^1023
 * and 2^1024, so that the product of two is a 2048-bit modulus.
 */
export function rocaPrime(): bigint {
  const low = (3n << 1022n) / ROCA_M + 1n;
  const span = (1n << 1024n) / ROCA_M - low;
  for (;;) {
    const k = low + (randomBigInt(span.toString(2).length + 64) % span);
    const p = k * ROCA_M + modPow(65537n, randomBigInt(64), ROCA_M);
    if (checkPrimeSync(p)) return p;
  }
}
