import { describe, expect, it } from "vitest";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import {
  CANCELLABLE_BY_SUPPORT,
  canTransition,
  EDITABLE_BY_CUSTOMER,
  RETRYABLE_BY_SUPPORT,
  sourcesOf,
  SUPPORT_QUEUE,
  TRANSITIONS,
} from "@/lib/orders/model/transitions";

// The lifecycle table without a database: the conditional UPDATEs of lib/orders/lifecycle/store.ts
// name the states sourcesOf() returns, so what this table allows is what the database allows.

const ALL = Object.values(OrderStatus);

describe("the order lifecycle table", () => {
  it("names every status, and only statuses, on both sides", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ALL].sort());
    for (const targets of Object.values(TRANSITIONS)) for (const to of targets) expect(ALL).toContain(to);
  });

  it("ends in CANCELLED, CA_REJECTED and REVOKED: nothing leaves them", () => {
    for (const to of ALL) {
      expect(canTransition("CANCELLED", to)).toBe(false);
      expect(canTransition("CA_REJECTED", to)).toBe(false);
      expect(canTransition("REVOKED", to)).toBe(false);
    }
  });

  it("never sends a placed order again: after PLACED it only moves on what Sectigo says", () => {
    expect([...TRANSITIONS.PLACED].sort()).toEqual(["CANCELLED", "CA_REJECTED", "ISSUED"]);
    expect(TRANSITIONS.ISSUED).toEqual(["REVOKED"]);
    for (const status of ["PLACED", "ISSUED", "CA_REJECTED", "REVOKED"] as const)
      expect(canTransition(status, "SUBMITTING"), status).toBe(false);
  });

  it("reaches the CA only through SUBMITTING, and SUBMITTING never to itself", () => {
    expect(sourcesOf("SUBMITTING").sort()).toEqual(
      [
        "DRAFT",
        "AWAITING_APPROVAL",
        "REJECTED",
        "RETRY_SCHEDULED",
        "FAILED_TRANSIENT",
        "OUTCOME_UNKNOWN",
        "NEEDS_REVIEW",
        "ACCOUNT_PROBLEM",
      ].sort(),
    );
    expect(canTransition("SUBMITTING", "SUBMITTING")).toBe(false);
    expect(canTransition("SUBMITTING", "DRAFT")).toBe(false);
  });

  it("lets an order awaiting approval only be sent (approved) or go back to its draft", () => {
    expect([...TRANSITIONS.AWAITING_APPROVAL].sort()).toEqual(["DRAFT", "SUBMITTING"]);
    expect(sourcesOf("AWAITING_APPROVAL").sort()).toEqual(["DRAFT", "REJECTED"]);
    for (const list of [RETRYABLE_BY_SUPPORT, CANCELLABLE_BY_SUPPORT, SUPPORT_QUEUE, EDITABLE_BY_CUSTOMER])
      expect(list).not.toContain("AWAITING_APPROVAL");
  });

  it("never sends an order that may already be at the CA under another number: reconciliation only records or cancels", () => {
    expect(TRANSITIONS.NEEDS_RECONCILIATION).toEqual(["PLACED", "CANCELLED"]);
    expect(canTransition("NEEDS_RECONCILIATION", "SUBMITTING")).toBe(false);
  });

  it("lets a send end in every outcome the CA's answer can have", () => {
    for (const to of [
      "PLACED",
      "REJECTED",
      "OUTCOME_UNKNOWN",
      "NEEDS_RECONCILIATION",
      "RETRY_SCHEDULED",
    ] as const)
      expect(canTransition("SUBMITTING", to), to).toBe(true);
    expect(canTransition("DRAFT", "PLACED")).toBe(false);
  });

  it("sourcesOf is the inverse of the table", () => {
    for (const to of ALL)
      for (const from of ALL)
        expect(sourcesOf(to).includes(from), `${from}→${to}`).toBe(canTransition(from, to));
  });
});

describe("who may act in which state", () => {
  it("customers edit drafts and rejected orders only", () => {
    expect([...EDITABLE_BY_CUSTOMER].sort()).toEqual(["DRAFT", "REJECTED"]);
  });

  it("every support-queue state but reconciliation can be retried, and each retryable state can be sent", () => {
    expect(SUPPORT_QUEUE.filter((s) => !RETRYABLE_BY_SUPPORT.includes(s))).toEqual(["NEEDS_RECONCILIATION"]);
    for (const status of RETRYABLE_BY_SUPPORT) expect(canTransition(status, "SUBMITTING"), status).toBe(true);
  });

  it("support's own cancel never touches a placed order (that goes through Sectigo)", () => {
    expect(CANCELLABLE_BY_SUPPORT).not.toContain("PLACED");
    expect(CANCELLABLE_BY_SUPPORT).not.toContain("DRAFT");
  });

  it("the queue holds no state a customer edits or that is final", () => {
    for (const status of SUPPORT_QUEUE) {
      expect(EDITABLE_BY_CUSTOMER).not.toContain(status);
      expect(TRANSITIONS[status].length).toBeGreaterThan(0);
    }
  });
});
