import { describe, expect, test } from "vitest";
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  RECOVERY_CODE_COUNT,
} from "@/lib/auth/two-factor/recovery-codes";

describe("recovery codes", () => {
  test("ten different codes of 12 characters without look-alikes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes)
      expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  test("the stored hash ignores case, spaces and dashes; it is not the code", () => {
    const [code] = newRecoveryCodes();
    const hash = hashRecoveryCode(code!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(` ${code!.toUpperCase().replaceAll("-", " ")} `)).toBe(hash);
    expect(looksLikeRecoveryCode(code!)).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
