import { describe, expect, it } from "vitest";
import { inputChanges } from "@/lib/orders/model/input-diff";

// The audit trail of a support edit records exactly the fields that changed.

describe("inputChanges", () => {
  it("is empty for equal inputs, whatever the key order", () => {
    expect(inputChanges({ a: 1, b: "x" }, { b: "x", a: 1 })).toEqual({});
  });

  it("records a changed value with both sides", () => {
    expect(
      inputChanges({ organizationName: "Acme", days: 365 }, { organizationName: "Acme AG", days: 365 }),
    ).toEqual({
      organizationName: { before: "Acme", after: "Acme AG" },
    });
  });

  it("records added and removed fields against null, and treats undefined as absent", () => {
    expect(inputChanges({ title: "Dr", phone: undefined }, { email: "a@example.com" })).toEqual({
      email: { before: null, after: "a@example.com" },
      title: { before: "Dr", after: null },
    });
    expect(inputChanges({ phone: undefined }, { phone: null })).toEqual({});
  });

  it("ignores surrounding whitespace and CRLF line ends in text (a re-pasted CSR)", () => {
    const csr = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----";
    expect(inputChanges({ csr }, { csr: `  ${csr.replace(/\n/g, "\r\n")}\r\n` })).toEqual({});
    expect(inputChanges({ csr }, { csr: csr.replace("MIIB", "MIIC") })).toHaveProperty("csr");
  });

  it("compares arrays by content and order, and keeps the stored values as they were", () => {
    expect(
      inputChanges({ domains: ["a.example", "b.example"] }, { domains: ["a.example", "b.example"] }),
    ).toEqual({});
    expect(
      inputChanges({ domains: ["a.example", "b.example"] }, { domains: ["b.example", "a.example"] }),
    ).toEqual({
      domains: { before: ["a.example", "b.example"], after: ["b.example", "a.example"] },
    });
    // The recorded value is the original, not the trimmed comparison form.
    expect(inputChanges({ name: " x " }, { name: "y" })).toEqual({ name: { before: " x ", after: "y" } });
  });

  it("tells a number from its text", () => {
    expect(inputChanges({ days: 365 }, { days: "365" })).toEqual({ days: { before: 365, after: "365" } });
  });

  it("lists the changed keys sorted", () => {
    expect(Object.keys(inputChanges({ z: 1, a: 1, m: 1 }, { z: 2, a: 2, m: 2 }))).toEqual(["a", "m", "z"]);
  });
});
