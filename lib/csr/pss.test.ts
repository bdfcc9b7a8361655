import { constants, generateKeyPairSync, sign } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { verifyPss } from "./pss";
import { readRsaPublicKey, type PssHash } from "./request";

// verifyPss against OpenSSL (node:crypto signs), for the cases WebCrypto covers and the ones it
// does not (an MGF1 hash other than the message hash cannot be asked of node:crypto either, so
// those are checked against `openssl req -verify` in openssl.test.ts).

const NODE_HASH: Record<PssHash, string> = {
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

function keyOf(bits: number) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  const der = publicKey.export({ type: "pkcs1", format: "der" });
  const numbers = readRsaPublicKey(new Uint8Array(der));
  if (!numbers) throw new Error("unreadable test key");
  return { privateKey, numbers };
}

const keys = { 2048: keyOf(2048), 2049: keyOf(2049), 1028: keyOf(1028) };

function pssSign(bits: keyof typeof keys, hash: PssHash, saltLength: number, message: Uint8Array) {
  return new Uint8Array(
    sign(NODE_HASH[hash], message, {
      key: keys[bits].privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength,
    }),
  );
}

describe("verifyPss", () => {
  it.each([
    [2048, "SHA-256", 32],
    [2048, "SHA-1", 20],
    [2048, "SHA-512", 0],
    [2048, "SHA-384", 48],
    // A modulus of 8k+1 bits: the encoded message is one octet shorter than the modulus.
    [2049, "SHA-256", 32],
    [1028, "SHA-256", 50],
  ] as const)("accepts what OpenSSL signs: %i bits, %s, salt %i", async (bits, hash, saltLength) => {
    const message = new TextEncoder().encode("CertificationRequestInfo");
    const signature = pssSign(bits, hash, saltLength, message);
    const params = { hash, mgf1Hash: hash, saltLength };
    expect(await verifyPss(keys[bits].numbers, params, message, signature)).toBe(true);
    // The salt length is part of the parameters and is checked exactly, as OpenSSL does.
    expect(
      await verifyPss(keys[bits].numbers, { ...params, saltLength: saltLength + 1 }, message, signature),
    ).toBe(false);
    const otherMgf = hash === "SHA-1" ? "SHA-256" : "SHA-1";
    expect(await verifyPss(keys[bits].numbers, { ...params, mgf1Hash: otherMgf }, message, signature)).toBe(
      false,
    );
  });

  it("refuses any change to the message or the signature", async () => {
    const message = new Uint8Array(200).fill(7);
    const signature = pssSign(2048, "SHA-256", 32, message);
    const params = { hash: "SHA-256", mgf1Hash: "SHA-256", saltLength: 32 } as const;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), fc.nat({ max: 7 }), async (inSignature, at, bit) => {
        const m = new Uint8Array(message);
        const s = new Uint8Array(signature);
        const target = inSignature ? s : m;
        target[at % target.length] = target[at % target.length]! ^ (1 << bit);
        expect(await verifyPss(keys[2048].numbers, params, m, s)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("refuses a signature as large as the modulus, longer than it, or empty", async () => {
    const message = new Uint8Array(4);
    const params = { hash: "SHA-256", mgf1Hash: "SHA-256", saltLength: 32 } as const;
    const { numbers } = keys[2048];
    const modulusBytes = new Uint8Array(Buffer.from(numbers.modulus.toString(16).padStart(512, "0"), "hex"));
    expect(await verifyPss(numbers, params, message, modulusBytes)).toBe(false);
    expect(await verifyPss(numbers, params, message, new Uint8Array(257).fill(1))).toBe(false);
    expect(await verifyPss(numbers, params, message, new Uint8Array(0))).toBe(false);
  });
});
