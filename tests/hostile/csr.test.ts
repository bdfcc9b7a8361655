import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CSR_MAX_LENGTH,
  decodeCsr,
  inspectCsr,
  verifyCsrSignature,
  type CsrProblem,
  type CsrProblemCode,
  type DecodedCsr,
} from "@/lib/csr";
import { bytesToBase64, toPem } from "@/lib/csr/encoding";
import { csrOfInput, rulesFor, withoutForbidden } from "@/lib/orders/model/input";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { makeCsr, pemToDer } from "@/tests/support/csr";
import { hostileStrings, hostileValues, csrLayout, TEN_MB } from "./support/arbitraries";

// The CSR decoder runs inside form validation in the browser and again on the server: whatever
// a customer (or an attacker posting to the action) hands it, it must answer with a problem the
// form can show, never an exception, and a damaged signature must never pass.

const DECODE_CODES: CsrProblemCode[] = ["empty", "too-large", "not-base64", "not-decodable"];
const RUNS = { numRuns: 200 };

function expectProblem(problem: CsrProblem, codes: CsrProblemCode[] = DECODE_CODES) {
  expect(codes).toContain(problem.code);
  expect(typeof problem.sectigoCode).toBe("number");
  expect(problem.message.length).toBeGreaterThan(20);
}

/** decodeCsr's answer for input that is not a CSR: ok false with a decoding problem. */
function expectRefused(input: unknown, codes?: CsrProblemCode[]) {
  const result = decodeCsr(input as string);
  expect(result.ok).toBe(false);
  if (!result.ok) expectProblem(result.problem, codes);
}

/** inspectCsr's answer for input that is not a CSR: exactly one decoding problem, no CSR. */
async function expectInspectRefused(input: unknown, codes?: CsrProblemCode[]) {
  const { csr, problems } = await inspectCsr(input as string);
  expect(csr).toBeUndefined();
  expect(problems).toHaveLength(1);
  expectProblem(problems[0]!, codes);
}

const pem = (body: string, label = "CERTIFICATE REQUEST") =>
  `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

let rsa: Uint8Array;
let ec: Uint8Array;

beforeAll(async () => {
  [rsa, ec] = await Promise.all([
    makeCsr({ algorithm: "RSA-2048", dnsNames: ["example.eu"] }).then(pemToDer),
    makeCsr({ algorithm: "P-256", dnsNames: ["example.eu"] }).then(pemToDer),
  ]);
});

describe("decodeCsr and inspectCsr on garbage", () => {
  it("refuse arbitrary strings, including control characters, NUL and lone surrogates", async () => {
    await fc.assert(
      fc.asyncProperty(hostileStrings, async (text) => {
        expectRefused(text);
        await expectInspectRefused(text);
      }),
      RUNS,
    );
  });

  it("refuse arbitrary bytes as DER, as base64 and inside PEM armour", async () => {
    const bytes = fc.uint8Array({ maxLength: 1500 });
    const derLike = bytes.map((tail) =>
      Uint8Array.of(0x30, 0x82, tail.length >> 8, tail.length & 0xff, ...tail),
    );
    const asText = fc.oneof(
      bytes.map(bytesToBase64),
      derLike.map(bytesToBase64),
      derLike.map((der) => toPem(bytesToBase64(der), "CERTIFICATE REQUEST")),
      derLike.map((der) => toPem(bytesToBase64(der), "NEW CERTIFICATE REQUEST")),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes, derLike, asText), async (input) => {
        expectRefused(input);
        await expectInspectRefused(input);
      }),
      RUNS,
    );
  });

  it("refuse PEM armour around arbitrary text, half armour and other PEM labels", async () => {
    const armoured = fc.oneof(
      hostileStrings.map((body) => pem(body)),
      hostileStrings.map((body) => `-----BEGIN CERTIFICATE REQUEST-----\n${body}`),
      hostileStrings.map((body) => `${body}\n-----END CERTIFICATE REQUEST-----`),
      fc
        .tuple(fc.stringMatching(/^[A-Z0-9 ]{1,30}$/), hostileStrings)
        .map(([label, body]) => pem(body, label)),
    );
    await fc.assert(
      fc.asyncProperty(armoured, async (text) => {
        expectRefused(text);
        await expectInspectRefused(text);
      }),
      RUNS,
    );
  });

  it("refuse values that are not strings or bytes, whatever the caller's types say", async () => {
    const notText = hostileValues.filter((v) => typeof v !== "string" && !(v instanceof Uint8Array));
    await fc.assert(
      fc.asyncProperty(notText, async (value) => {
        expectRefused(value, ["empty", "not-decodable"]);
        await expectInspectRefused(value, ["empty", "not-decodable"]);
      }),
      RUNS,
    );
    for (const value of [null, undefined, 0, NaN, -Infinity, 10n, true, Symbol("csr"), () => "csr", [], {}]) {
      expectRefused(value, ["empty", "not-decodable"]);
      await expectInspectRefused(value, ["empty", "not-decodable"]);
    }
  });

  it("refuse 10 MB inputs quickly as too large", async () => {
    const started = Date.now();
    const huge = [
      "A".repeat(TEN_MB),
      pem("A".repeat(TEN_MB)),
      "\u0000".repeat(TEN_MB),
      "é".repeat(TEN_MB),
      new Uint8Array(TEN_MB).fill(0x30),
      new Uint8Array(TEN_MB).fill(0x41),
    ];
    for (const input of huge) {
      expectRefused(input, ["too-large"]);
      await expectInspectRefused(input, ["too-large"]);
    }
    // Only whitespace is trimmed before the length check: 10 MB of it is simply empty.
    expectRefused(" \n\t".repeat(TEN_MB / 3), ["empty"]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuse a CSR just over Sectigo's length limit, and decode one padded with whitespace", () => {
    const body = bytesToBase64(rsa);
    expectRefused(body + "A".repeat(CSR_MAX_LENGTH), ["too-large"]);
    const padded = `${" ".repeat(CSR_MAX_LENGTH)}${pem(body)}${"\n".repeat(CSR_MAX_LENGTH)}`;
    expect(decodeCsr(padded).ok).toBe(true);
  });
});

describe("real CSRs, damaged", () => {
  it("never throw when truncated, and never decode a truncated CSR", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("rsa", "ec"), fc.nat(), async (which, cut) => {
        const der = which === "rsa" ? rsa : ec;
        const truncated = der.subarray(0, cut % der.length);
        expectRefused(truncated);
        expectRefused(bytesToBase64(truncated), ["empty", "not-base64", "not-decodable"]);
        await expectInspectRefused(truncated);
      }),
      RUNS,
    );
  });

  it("never accept a CSR with one bit of its signature flipped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("rsa", "ec"), fc.nat(), fc.nat({ max: 7 }), async (which, at, bit) => {
        const der = new Uint8Array(which === "rsa" ? rsa : ec);
        const { signature, end } = csrLayout(der);
        const position = signature + (at % (end - signature));
        der[position] = der[position]! ^ (1 << bit);
        const decoded = decodeCsr(der);
        // An ECDSA signature is itself DER; a flip in its headers makes the CSR unreadable.
        if (!decoded.ok) return expectProblem(decoded.problem);
        expect(await verifyCsrSignature(decoded.csr)).toBe(false);
        const { problems } = await inspectCsr(toPem(bytesToBase64(der), "CERTIFICATE REQUEST"));
        expect(problems.map((p) => p.code)).toContain("bad-signature");
      }),
      { numRuns: 150 },
    );
  });

  it("never accept a CSR with any one bit flipped anywhere", async () => {
    // Flips in the signed part break the signature; flips in the structure break decoding. The
    // only bytes outside both are the outer signature algorithm and BIT STRING header.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("rsa", "ec"), fc.nat(), fc.nat({ max: 7 }), async (which, at, bit) => {
        const der = new Uint8Array(which === "rsa" ? rsa : ec);
        const position = at % der.length;
        der[position] = der[position]! ^ (1 << bit);
        const decoded = decodeCsr(der);
        if (!decoded.ok) return expectProblem(decoded.problem);
        const { problems } = await inspectCsr(der);
        expect(problems.length, `bit ${bit} of byte ${position} flipped`).toBeGreaterThan(0);
        expect(await verifyCsrSignature(decoded.csr)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("never accept a CSR with a bit flipped in its unsigned tail (algorithm, signature headers)", async () => {
    // WebCrypto only checks the signed bytes and the signature's numbers; OpenSSL (and so
    // Sectigo) also refuses stray parameters, unused bits and non-canonical ECDSA encodings.
    for (const der of [rsa, ec]) {
      const { tail, signature } = csrLayout(der);
      for (let position = tail; position < signature + 8; position++) {
        for (let bit = 0; bit < 8; bit++) {
          const flipped = new Uint8Array(der);
          flipped[position] = flipped[position]! ^ (1 << bit);
          const { problems } = await inspectCsr(flipped);
          expect(problems.length, `bit ${bit} of byte ${position} flipped`).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe("verifyCsrSignature on a decoded CSR whose fields were tampered with", () => {
  it("answers false, never throws", async () => {
    const decoded = decodeCsr(rsa);
    if (!decoded.ok) throw new Error("test CSR does not decode");
    expect(await verifyCsrSignature(decoded.csr)).toBe(true);
    await fc.assert(
      fc.asyncProperty(hostileValues, async (base64) => {
        const csr = { ...decoded.csr, base64 } as unknown as DecodedCsr;
        expect(await verifyCsrSignature(csr)).toBe(false);
      }),
      RUNS,
    );
  });
});

describe("the wizard's shared helpers", () => {
  const values = fc.dictionary(
    fc.oneof(fc.constantFrom("csr", "product", "domainNames", "__proto__", "constructor"), fc.string()),
    hostileValues,
    { maxKeys: 8 },
  );

  it("csrOfInput, rulesFor and withoutForbidden never throw on hostile values", () => {
    fc.assert(
      fc.property(values, hostileValues, (record, csr) => {
        for (const input of [record, { ...record, csr }, { ...record, product: 781, csr }]) {
          expect(csrOfInput(input)).toBeUndefined();
          rulesFor(input);
          const kept = withoutForbidden(input);
          for (const key of Object.keys(kept)) expect(Object.keys(input)).toContain(key);
        }
      }),
      RUNS,
    );
  });

  it("the order schema reports a hostile CSR as a csr field error", () => {
    fc.assert(
      fc.property(hostileValues, (csr) => {
        const parsed = orderInputSchema.safeParse({ product: 781, days: 365, csr });
        expect(parsed.success).toBe(false);
        const paths = parsed.error?.issues.map((issue) => issue.path.join(".")) ?? [];
        expect(paths).toContain("csr");
      }),
      RUNS,
    );
  });
});
