import { describe, expect, test } from "vitest";
import { secondFactorState } from "@/lib/auth/two-factor/state";

describe("secondFactorState", () => {
  test.each([
    ["CUSTOMER", false, false, "done"],
    ["CUSTOMER", true, false, "verify"],
    ["SUPPORT", false, false, "enrol"],
    ["ADMIN", false, false, "enrol"],
    ["SUPPORT", true, false, "verify"],
    ["ADMIN", true, true, "done"],
    ["SUPPORT", false, true, "done"],
  ] as const)("%s, has a factor %s, passed %s → %s", (role, hasFactor, passed, expected) => {
    expect(secondFactorState({ role, hasFactor, verifiedAt: passed ? new Date() : null })).toBe(expected);
  });
});
