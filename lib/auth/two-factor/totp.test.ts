import { describe, expect, test } from "vitest";
import { matchTotpStep, newTotpSecret, totpCode, totpStep, totpUri } from "@/lib/auth/two-factor/totp";

const secret = newTotpSecret();
const now = Date.UTC(2026, 11, 7, 12, 0, 10);
const step = totpStep(now);

describe("TOTP", () => {
  test("accepts the current code and one step either side, naming the step it belongs to", () => {
    expect(matchTotpStep(secret, totpCode(secret, step), now)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, step - 1), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, step + 1), now)).toBe(step + 1);
  });

  test("refuses codes two steps away, of another secret, or not six digits", () => {
    expect(matchTotpStep(secret, totpCode(secret, step - 2), now)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, step + 2), now)).toBeNull();
    expect(matchTotpStep(secret, totpCode(newTotpSecret(), step), now)).toBeNull();
    expect(matchTotpStep(secret, "12345", now)).toBeNull();
    expect(matchTotpStep(secret, "abcdef", now)).toBeNull();
  });

  test("spaces in a typed code do not matter", () => {
    const code = totpCode(secret, step);
    expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
  });

  test("the RFC 6238 test vector (SHA-1, 59 s) gives its code", () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T=59 → 94287082 (8 digits); 6 digits: 287082.
    const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCode(rfcSecret, totpStep(59_000))).toBe("287082");
  });

  test("the enrolment URL names the issuer and account and carries the secret", () => {
    const uri = totpUri(secret, "agent@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("agent%40example.com");
  });
});
