import { describe, expect, test } from "vitest";
import { hashApiKey, KEY_PREFIX, looksLikeApiKey, newApiKey } from "@/lib/api-keys/secret";
import { createApiKeySchema } from "@/lib/api-keys/schemas";

describe("API key secrets", () => {
  test("a new key: recognisable prefix, 32 random bytes, stored as its SHA-256, shown by its start", () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(a.secret.startsWith(KEY_PREFIX)).toBe(true);
    expect(Buffer.from(a.secret.slice(KEY_PREFIX.length), "base64url")).toHaveLength(32);
    expect(a.hash).toBe(hashApiKey(a.secret));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.secret.startsWith(a.prefix)).toBe(true);
    expect(a.secret).not.toBe(b.secret);
    expect(looksLikeApiKey(a.secret)).toBe(true);
  });

  test("strings that cannot be keys are turned away before any lookup", () => {
    for (const text of [
      "",
      "eidas_live_",
      `eidas_live_${"A".repeat(42)}`,
      `Bearer eidas_live_${"A".repeat(43)}`,
      `eidas_live_${"A".repeat(42)}\u0000`,
    ])
      expect(looksLikeApiKey(text)).toBe(false);
  });

  test("the form: a name, a role from the list, an expiry from tomorrow to two years ahead or none", () => {
    const base = { organizationId: "org1", name: "ERP", role: "REQUESTER" };
    expect(createApiKeySchema.parse({ ...base, expiresOn: "" }).expiresOn).toBeNull();
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    expect(createApiKeySchema.parse({ ...base, expiresOn: inAYear }).expiresOn).toBeInstanceOf(Date);
    for (const expiresOn of ["2000-01-01", "3000-01-01", "tomorrow", "2026-13-45"])
      expect(createApiKeySchema.safeParse({ ...base, expiresOn }).success).toBe(false);
    expect(createApiKeySchema.safeParse({ ...base, role: "OWNER" }).success).toBe(false);
    expect(createApiKeySchema.safeParse({ ...base, name: " " }).success).toBe(false);
  });
});
