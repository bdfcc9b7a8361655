import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";

import { fermatRoundOfPrimes, primesFactoredInRound, randomPrime, rocaPrime } from "@/tests/support/openssl";

import {
  FERMAT_ROUNDS,
  fermatRound,
  hasRocaFingerprint,
  isqrt,
  rocaResidues,
  rsaKeyWeakness,
} from "./key-quality";
import { readRsaPublicKey } from "./request";

function opensslModulus(bits = 2048): bigint {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  const numbers = readRsaPublicKey(new Uint8Array(publicKey.export({ type: "pkcs1", format: "der" })));
  if (!numbers) throw new Error("unreadable key");
  return numbers.modulus;
}

describe("Fermat's method, 100 rounds (BR §6.1.1.3 (5)(3))", () => {
  it("factors n = pq in the round the primes' distance predicts, and no later", () => {
    for (const round of [1, 2, 41, 100]) {
      const [p, q] = primesFactoredInRound(round);
      const expected = fermatRoundOfPrimes(p, q);
      expect(Math.abs(expected - round)).toBeLessThanOrEqual(1);
      expect(fermatRound(p * q, 1000)).toBe(expected);
    }
  });

  it("refuses a modulus factored within 100 rounds and accepts one that needs more", () => {
    let refused = 0;
    let accepted = 0;
    for (const round of [99, 100, 101, 102, 150]) {
      const [p, q] = primesFactoredInRound(round);
      const actual = fermatRoundOfPrimes(p, q);
      const weakness = rsaKeyWeakness({ modulus: p * q, exponent: 65537n });
      if (actual <= FERMAT_ROUNDS) {
        expect(weakness).toEqual({ kind: "close-primes", round: actual });
        refused++;
      } else {
        expect(weakness).toBeNull();
        accepted++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  });

  it("a modulus that is a square (p = q) falls in the first round", () => {
    const p = randomPrime(1024);
    expect(fermatRound(p * p)).toBe(1);
  });

  it("isqrt is the exact floor of the square root", () => {
    for (const n of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, (1n << 2048n) - 1n, 12345678901234567890n ** 3n]) {
      const root = isqrt(n);
      expect(root * root <= n && (root + 1n) * (root + 1n) > n).toBe(true);
    }
  });
});

describe("the ROCA fingerprint (CVE-2017-15361)", () => {
  it("allows exactly the subgroup 65537 generates modulo each small prime", () => {
    // 65537 ≡ 2 (mod 3) generates all of {1, 2}; 65537 ≡ -1 (mod 11) only {1, 10}.
    expect([...(rocaResidues(3) ?? [])].sort((a, b) => a - b)).toEqual([1, 2]);
    expect([...(rocaResidues(11) ?? [])].sort((a, b) => a - b)).toEqual([1, 10]);
    // The published detector (crocs-muni/roca, has_fingerprint_moduli) writes the same sets as
    // bit masks; its first six are 6, 30, 126, 1026, 5658 and 107286 for 3, 5, 7, 11, 13, 17.
    const masks = [3, 5, 7, 11, 13, 17].map((p) =>
      [...(rocaResidues(p) ?? [])].reduce((mask, r) => mask | (1n << BigInt(r)), 0n),
    );
    expect(masks).toEqual([6n, 30n, 126n, 1026n, 5658n, 107286n]);
  });

  it("finds it in a modulus made of two primes with the Infineon structure", () => {
    const n = rocaPrime() * rocaPrime();
    expect(n.toString(2).length).toBe(2048);
    expect(hasRocaFingerprint(n)).toBe(true);
    expect(rsaKeyWeakness({ modulus: n, exponent: 65537n })).toEqual({ kind: "roca" });
  });

  it("does not find it in keys OpenSSL generates", () => {
    for (let i = 0; i < 12; i++) {
      const n = opensslModulus(i % 2 ? 2048 : 1024);
      expect(hasRocaFingerprint(n)).toBe(false);
      expect(rsaKeyWeakness({ modulus: n, exponent: 65537n })).toBeNull();
    }
  });
});

describe("public exponent and small factors (BR §6.1.6)", () => {
  const modulus = opensslModulus();

  it.each([
    [65537n, null],
    [(1n << 256n) - 1n, null],
    [3n, "exponent"],
    [17n, "exponent"],
    [65535n, "exponent"],
    [65536n, "exponent"],
    [65538n, "exponent"],
    [1n, "exponent"],
    [0n, "exponent"],
    [1n << 256n, "exponent"],
    [(1n << 256n) + 1n, "exponent"],
  ])("exponent %s: %s", (exponent, kind) => {
    expect(rsaKeyWeakness({ modulus, exponent })?.kind ?? null).toBe(kind);
  });

  it("refuses a modulus with a prime factor below 752", () => {
    const p = randomPrime(1024);
    for (const small of [2n, 3n, 751n]) {
      expect(rsaKeyWeakness({ modulus: p * small, exponent: 65537n })).toEqual({
        kind: "small-factor",
        factor: Number(small),
      });
    }
    expect(rsaKeyWeakness({ modulus: p * 757n * randomPrime(512), exponent: 65537n })).toBeNull();
  });
});
