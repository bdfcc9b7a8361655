import { describe, expect, test } from "vitest";
import { fingerprintOf, idempotencyKeyOf } from "@/lib/api/idempotency";

describe("Idempotency-Key header", () => {
  test("a structured-field string or a bare token; anything else is refused, absence is allowed", () => {
    expect(idempotencyKeyOf(null)).toBeNull();
    expect(idempotencyKeyOf('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe(
      "8e03978e-40d5-43e8-bc93-6894a57f9324",
    );
    expect(idempotencyKeyOf("order-42")).toBe("order-42");
    for (const bad of ["", '""', "with space", "x".repeat(256), 'a"b', "ünïcode"])
      expect(idempotencyKeyOf(bad)).toBe("invalid");
  });

  test("the fingerprint covers method, path and the exact body", () => {
    const base = fingerprintOf("POST", "/api/v1/orders", '{"a":1}');
    expect(fingerprintOf("POST", "/api/v1/orders", '{"a":1}')).toBe(base);
    expect(fingerprintOf("POST", "/api/v1/orders", '{"a":2}')).not.toBe(base);
    expect(fingerprintOf("PATCH", "/api/v1/orders", '{"a":1}')).not.toBe(base);
    expect(fingerprintOf("POST", "/api/v1/orders/x", '{"a":1}')).not.toBe(base);
  });
});
