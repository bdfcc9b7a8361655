import { describe, expect, test } from "vitest";
import { checkInvariants, type Submission } from "./invariants";
import type { PortalOrder } from "./order-source";
import { HttpLog } from "./portal-client";

// The soak's judge, without a portal: facts in, verdicts out.

function order(n: string, status: string, sectigoOrderNumber: string | null = null): PortalOrder {
  return { externalOrderNumber: n, status, sectigoOrderNumber, pendingAttempts: 0, retryQueued: null };
}
const accepted = (n: string): Submission => ({
  customer: "c",
  externalOrderNumber: n,
  orderId: n,
  outcome: "accepted",
});

function verdicts(
  portalOrders: PortalOrder[],
  caOrders: { orderNumber: string; foreignOrderNumber?: string }[],
) {
  const results = checkInvariants({
    submissions: portalOrders.map((o) => accepted(o.externalOrderNumber)),
    portalOrders,
    caOrders,
    http: new HttpLog(),
  });
  return Object.fromEntries(results.map((r) => [r.name, r.problems]));
}

const LOST = "every order the customers got a number for is settled or in flight (none lost)";
const AGREES = "the portal's state agrees with the CA";

describe("soak invariants", () => {
  test("an order Sectigo moved on after placing (status checks) is settled, not lost", () => {
    const v = verdicts(
      [
        order("A", "PLACED", "1"),
        order("B", "ISSUED", "2"),
        order("C", "CA_REJECTED", "3"),
        order("D", "REVOKED", "4"),
      ],
      ["A", "B", "C", "D"].map((fon, i) => ({ orderNumber: String(i + 1), foreignOrderNumber: fon })),
    );
    expect(v[LOST]).toEqual([]);
    expect(v[AGREES]).toEqual([]);
  });

  test("an issued order the CA does not have, or has twice, disagrees", () => {
    const v = verdicts(
      [order("A", "ISSUED", "1"), order("B", "PLACED", "2")],
      [
        { orderNumber: "2", foreignOrderNumber: "B" },
        { orderNumber: "3", foreignOrderNumber: "B" },
      ],
    );
    expect(v[AGREES]).toEqual(["A: ISSUED, 0 at the CA", "B: PLACED, 2 at the CA"]);
  });

  test("an order stuck sending without a pending attempt is lost", () => {
    const stuck = { ...order("A", "SUBMITTING"), pendingAttempts: 0 };
    expect(verdicts([stuck], [])[LOST]).toEqual(["A (accepted): SUBMITTING without a pending attempt"]);
  });
});
