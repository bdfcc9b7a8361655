import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

import { makeCsr, pemToDer } from "@/tests/support/csr";

import { decodeCsr } from "./decode";
import type { CsrProblemCode } from "./types";

const DECODE_CODES: CsrProblemCode[] = ["empty", "too-large", "not-base64", "not-decodable"];

function assertTotal(input: string | Uint8Array) {
  const result = decodeCsr(input);
  if (result.ok) {
    expect(result.csr.base64.length).toBeGreaterThan(0);
  } else {
    expect(DECODE_CODES).toContain(result.problem.code);
    expect(result.problem.message.length).toBeGreaterThan(20);
  }
}

describe("decodeCsr never throws", () => {
  let der: Uint8Array;
  beforeAll(async () => {
    der = pemToDer(await makeCsr({ algorithm: "P-256", dnsNames: ["example.eu"] }));
  });

  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), assertTotal), { numRuns: 500 });
  });

  it("on arbitrary base64 and PEM-looking text", () => {
    const base64 = fc.base64String({ maxLength: 3000 });
    const pem = base64.map(
      (body) => `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----`,
    );
    fc.assert(fc.property(fc.oneof(base64, pem), assertTotal), { numRuns: 500 });
  });

  it("on arbitrary bytes, including ones that start like DER", () => {
    const bytes = fc.uint8Array({ maxLength: 2000 });
    const derLike = bytes.map(
      (tail) => new Uint8Array([0x30, 0x82, tail.length >> 8, tail.length & 0xff, ...tail]),
    );
    fc.assert(fc.property(fc.oneof(bytes, derLike), assertTotal), { numRuns: 500 });
  });

  it("on a real CSR with random bytes changed or cut off", () => {
    const mutation = fc.record({
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      cut: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(mutation, ({ edits, cut }) => {
        const mutated = new Uint8Array(der);
        for (const [position, value] of edits) mutated[position % mutated.length] = value;
        assertTotal(cut === null ? mutated : mutated.subarray(0, cut % mutated.length));
      }),
      { numRuns: 1000 },
    );
  });

  it("on values that are not strings or bytes at all", () => {
    for (const value of [null, undefined, 42, {}, [], new ArrayBuffer(4)]) {
      expect(() => decodeCsr(value as unknown as string)).not.toThrow();
      expect(decodeCsr(value as unknown as string).ok).toBe(false);
    }
  });
});
