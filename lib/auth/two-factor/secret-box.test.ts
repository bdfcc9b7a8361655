import { describe, expect, test } from "vitest";
import { openSecret, sealSecret } from "@/lib/auth/two-factor/secret-box";

const key = "a-test-auth-secret-0123456789abcdef";
const plain = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("secret box", () => {
  test("round trip, and the stored form shows nothing of the secret", () => {
    const sealed = sealSecret(plain, key);
    expect(sealed).not.toContain(plain);
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(openSecret(sealed, key)).toBe(plain);
  });

  test("each seal uses a fresh nonce", () => {
    expect(sealSecret(plain, key)).not.toBe(sealSecret(plain, key));
  });

  test("another AUTH_SECRET, an altered byte or an unknown format cannot be opened", () => {
    const sealed = sealSecret(plain, key);
    expect(() => openSecret(sealed, "another-secret")).toThrow();
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 1]! ^= 1;
    expect(() => openSecret(`v1:${raw.toString("base64url")}`, key)).toThrow();
    expect(() => openSecret(`v0:${sealed.slice(3)}`, key)).toThrow(/Unknown format/);
  });

  test("refuses to work without AUTH_SECRET", () => {
    expect(() => sealSecret(plain, "")).toThrow(/AUTH_SECRET/);
  });
});
