import fc from "fast-check";

// Hostile input shared by the CSR and submission tests: what a broken client, a fuzzer or an
// attacker posting straight to a server action could send.

export const TEN_MB = 10 * 1024 * 1024;

/** Characters PostgreSQL, JSON or a naive parser choke on. */
const NASTY_CHARS = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffe",
  "\uffff",
  "\ud800",
  "\udfff",
  "\ud83d\ude00",
  "\u202e",
  "\\",
  '"',
  "'",
  "%00",
  "\r\n",
];

const nastyChar = fc.oneof(
  fc.constantFrom(...NASTY_CHARS),
  // Any UTF-16 code unit, lone surrogates included (fast-check's string units avoid those).
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);

/** Text of every kind, short enough to keep a property fast. */
export const hostileStrings: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.array(nastyChar, { maxLength: 60 }).map((chars) => chars.join("")),
  fc
    .tuple(fc.string({ maxLength: 30 }), nastyChar, fc.string({ maxLength: 30 }))
    .map((parts) => parts.join("")),
  fc.base64String({ maxLength: 400 }),
);

/** Any value at all: JSON values, and what only a JavaScript caller could pass. */
export const hostileValues: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.constantFrom(null, undefined, NaN, Infinity, -0, 0, true, false, [], {}),
);

/** A value nested `depth` levels deep, built without recursion (no stack to overflow here). */
export function deeplyNested(depth: number, kind: "array" | "object" = "array"): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = kind === "array" ? [value] : { nested: value };
  return value;
}

function header(der: Uint8Array, at: number): { length: number; content: number } {
  const first = der[at + 1]!;
  if (first < 0x80) return { length: first, content: at + 2 };
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + der[at + 2 + i]!;
  return { length, content: at + 2 + count };
}

/**
 * Offsets in a CSR's DER, SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature }:
 * where the unsigned tail (algorithm and signature) starts, and where the signature value starts
 * (after the BIT STRING's unused-bits byte).
 */
export function csrLayout(der: Uint8Array): { tail: number; signature: number; end: number } {
  const outer = header(der, 0);
  const info = header(der, outer.content);
  const tail = info.content + info.length;
  const algorithm = header(der, tail);
  const bitsAt = algorithm.content + algorithm.length;
  if (der[bitsAt] !== 0x03) throw new Error("no signature BIT STRING where expected");
  return { tail, signature: header(der, bitsAt).content + 1, end: der.length };
}
