import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashes", () => {
  it("are argon2id with OWASP's minimum cost, salted, and verify only the right password", async () => {
    const [a, b] = await Promise.all([hashPassword("correct horse"), hashPassword("correct horse")]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
    expect(await verifyPassword(a, "correct horse")).toBe(true);
    expect(await verifyPassword(a, "correct horsE")).toBe(false);
    expect(await verifyPassword(a, "")).toBe(false);
  });

  it("treat a malformed stored hash as a mismatch, not an error", async () => {
    for (const stored of ["", "not-a-hash", "!seeded-history-account-cannot-sign-in", "$argon2id$v=19$"]) {
      expect(await verifyPassword(stored, "anything")).toBe(false);
    }
  });

  it("check unknown accounts against a real dummy hash (same work as a wrong password)", async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy).toMatch(/^\$argon2id\$/);
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword(dummy, "anything")).toBe(false);
  });
});
