import type { RsaPublicNumbers } from "./request";

// RSA public keys a CA must refuse although they are well-formed: the CA/Browser Forum Baseline
// Requirements (v2.2.6) §6.1.1.3 (5) and §6.1.6, as Let's Encrypt's Boulder (goodkey) applies
// them. These are CA domain rules on the key's numbers, not cryptography the platform offers, so
// they are written here. All are cheap enough to run on every validation of the form.

/** BR §6.1.1.3 (5)(3): "factored within 100 rounds using Fermat's factorization method". */
export const FERMAT_ROUNDS = 100;

/** BR §6.1.6 SHOULD, enforced as Boulder does: 2^16 + 1 <= e <= 2^256 - 1. */
export const MIN_EXPONENT = 65537n;
export const MAX_EXPONENT = (1n << 256n) - 1n;

export type KeyWeakness =
  | { kind: "exponent"; exponent: bigint }
  | { kind: "small-factor"; factor: number }
  | { kind: "roca" }
  | { kind: "close-primes"; round: number };

// BR §6.1.6: the modulus SHOULD have "no factors smaller than 752" (Boulder refuses them).
const SMALL_PRIMES: readonly number[] = (() => {
  const primes: number[] = [];
  for (let candidate = 2; candidate < 752; candidate++) {
    if (primes.every((p) => candidate % p !== 0)) primes.push(candidate);
  }
  return primes;
})();

// ROCA (CVE-2017-15361; Nemec et al., "The Return of Coppersmith's Attack", ACM CCS 2017): the
// Infineon RSA library made every prime as k·M + (65537^a mod M), M a primorial. So for each
// small prime r dividing M, the modulus n = p·q mod r lies in the subgroup 65537 generates
// modulo r. The published detector tests exactly that for the primes 3..167; a random modulus
// passes all 38 tests with probability about 2^-28. The subgroups are computed, not copied.
const ROCA_GENERATOR = 65537;
const ROCA_SUBGROUPS: readonly { prime: bigint; residues: ReadonlySet<number> }[] = SMALL_PRIMES.filter(
  (p) => p >= 3 && p <= 167,
).map((p) => {
  const residues = new Set<number>();
  let x = 1;
  do {
    residues.add(x);
    x = (x * ROCA_GENERATOR) % p;
  } while (x !== 1);
  return { prime: BigInt(p), residues };
});

/** The residues modulo `prime` that the ROCA detector allows (for tests). */
export function rocaResidues(prime: number): ReadonlySet<number> | undefined {
  return ROCA_SUBGROUPS.find((group) => group.prime === BigInt(prime))?.residues;
}

/** True when the modulus carries the fingerprint of the Infineon library (ROCA). */
export function hasRocaFingerprint(modulus: bigint): boolean {
  return ROCA_SUBGROUPS.every(({ prime, residues }) => residues.has(Number(modulus % prime)));
}

/** Integer square root, rounded down (Newton's method). */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

// Squares modulo 64, 63 and 65 (Cohen, "A Course in Computational Algebraic Number Theory",
// §1.7.2): only about 1 number in 100 passes all three, and only those need the real root. The
// residues are carried from round to round as plain numbers, so a round costs no big-number work.
const FILTERS = [64, 63, 65];
const FILTER_MODULUS = 64 * 63 * 65;
const SQUARE_RESIDUES = FILTERS.map((m) => {
  const squares = new Set<number>();
  for (let i = 0; i < m; i++) squares.add((i * i) % m);
  return squares;
});

function mayBeSquare(residue: number): boolean {
  return FILTERS.every((m, i) => SQUARE_RESIDUES[i]!.has(residue % m));
}

/**
 * The round (1-based) of Fermat's method in which the modulus factors, or null if it does not
 * within `rounds`. Round i tries a = ceil(sqrt(n)) + i - 1: when a² - n is a square b², then
 * n = (a - b)(a + b). Primes chosen close together (a broken generator) fall in the first few.
 */
export function fermatRound(modulus: bigint, rounds = FERMAT_ROUNDS): number | null {
  const root = isqrt(modulus);
  const start = root * root === modulus ? root : root + 1n;
  const m = BigInt(FILTER_MODULUS);
  let residue = Number((start * start - modulus) % m);
  let aResidue = Number(start % m);
  for (let round = 1; round <= rounds; round++) {
    if (mayBeSquare(residue)) {
      const a = start + BigInt(round - 1);
      const b2 = a * a - modulus;
      const b = isqrt(b2);
      if (b * b === b2) return round;
    }
    // (a + 1)² - n = a² - n + 2a + 1
    residue = (residue + 2 * aResidue + 1) % FILTER_MODULUS;
    aResidue = (aResidue + 1) % FILTER_MODULUS;
  }
  return null;
}

/** Why the CA must refuse this RSA key, or null when none of these rules applies. */
export function rsaKeyWeakness({ modulus, exponent }: RsaPublicNumbers): KeyWeakness | null {
  // BR §6.1.6 MUST: odd and at least 3; SHOULD: between 2^16 + 1 and 2^256 - 1.
  if (exponent % 2n === 0n || exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) {
    return { kind: "exponent", exponent };
  }
  const factor = SMALL_PRIMES.find((p) => modulus % BigInt(p) === 0n);
  if (factor !== undefined) return { kind: "small-factor", factor };
  if (hasRocaFingerprint(modulus)) return { kind: "roca" };
  const round = fermatRound(modulus);
  if (round !== null) return { kind: "close-primes", round };
  return null;
}
