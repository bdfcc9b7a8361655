import { describe, expect, it } from "vitest";
import { outcomeOf } from "@/lib/orders/lifecycle/outcome";
import type { PlaceOrderResult, RedactedRequest } from "@/lib/sectigo/client";
import { classifySectigoError, DUPLICATE_FON_ENTRY } from "@/lib/sectigo/errors";

// Where one call to the CA leaves an order, without a database or a CA: the answers are built
// as the client returns them, errors classified by the real catalogue.

const request: RedactedRequest = {
  url: "https://ca.example/products/!AutoApplyOrder",
  method: "POST",
  params: { loginName: "reseller", loginPassword: "[REDACTED]", foreignOrderNumber: "EQ-0001-ABCD" },
};

function caError(code: number, message: string): PlaceOrderResult {
  return {
    kind: "ca-error",
    request,
    durationMs: 12.6,
    code,
    message,
    error: classifySectigoError(code, message),
    rawBody: `errorCode=${code}&errorMessage=${encodeURIComponent(message)}`,
    httpStatus: 200,
  };
}

function transport(mayHaveReachedCa: boolean, reason: "timeout" | "network" = "timeout"): PlaceOrderResult {
  return {
    kind: "transport",
    request,
    durationMs: 30_000,
    reason,
    mayHaveReachedCa,
    message: `${reason} after 30 s`,
  };
}

describe("outcomeOf", () => {
  it("a success places the order, stores Sectigo's number and cost, and clears an earlier failure", () => {
    const outcome = outcomeOf({
      kind: "success",
      request,
      durationMs: 41.4,
      status: 0,
      orderNumber: "7000013",
      totalCost: "123.40",
      certificateId: "555",
      rawBody: "0\n7000013\n555\n123.40",
      httpStatus: 200,
    });
    expect(outcome.status).toBe("PLACED");
    expect(outcome.attempt).toMatchObject({
      outcome: "PLACED",
      durationMs: 41,
      errorCode: 0,
      httpStatus: 200,
    });
    // The claim stored the request before the call; the outcome never writes it again.
    expect(outcome.attempt).not.toHaveProperty("request");
    expect(outcome.order).toMatchObject({
      sectigoOrderNumber: "7000013",
      totalCost: "123.40",
      certificateId: "555",
      certificateState: null,
      uniqueValue: null,
      failureClass: null,
      failureCode: null,
      failureMessage: null,
      failureField: null,
    });
    expect(outcome.order.placedAt).toBeInstanceOf(Date);
  });

  it.each([
    [-3, "The 'organizationName' argument is missing!", "REJECTED", "input"],
    [-14, "An unknown error occurred!", "FAILED_TRANSIENT", "transient"],
    [-15, "Insufficient credit!", "ACCOUNT_PROBLEM", "account"],
    [-987_654, "Something Sectigo never said before", "NEEDS_REVIEW", "needs-review"],
  ] as const)("CA error %i goes to %s", (code, message, status, errorClass) => {
    const result = caError(code, message);
    expect(result.kind === "ca-error" && result.error.class).toBe(errorClass);
    const outcome = outcomeOf(result);
    expect(outcome.status).toBe(status);
    expect(outcome.attempt).toMatchObject({
      outcome: "CA_ERROR",
      errorCode: code,
      errorClass,
      durationMs: 13,
    });
    expect(outcome.order).toMatchObject({ failureClass: errorClass, failureCode: code });
    // The customer reads the catalogue's explanation, never Sectigo's raw message.
    expect(outcome.order.failureMessage).toBe(result.kind === "ca-error" ? result.error.explanation : null);
  });

  it("a reused external order number needs reconciliation, never a new send", () => {
    const outcome = outcomeOf(caError(-9000, DUPLICATE_FON_ENTRY.sandboxMessage!));
    expect(outcome.status).toBe("NEEDS_RECONCILIATION");
    expect(outcome.order.failureClass).toBe("duplicate-fon");
  });

  it("a connection lost after sending is an unknown outcome: the CA may have the order", () => {
    const outcome = outcomeOf(transport(true));
    expect(outcome.status).toBe("OUTCOME_UNKNOWN");
    expect(outcome.attempt).toMatchObject({
      outcome: "UNKNOWN",
      errorClass: "transport:timeout",
      responseBody: null,
    });
    expect(outcome.order).toMatchObject({
      failureClass: "transport:timeout",
      failureCode: null,
      failureField: null,
    });
    expect(outcome.order.failureMessage).toMatch(/cannot tell yet whether it was placed/);
  });

  it("a connection never made is a transient failure: nothing was sent", () => {
    const outcome = outcomeOf(transport(false, "network"));
    expect(outcome.status).toBe("FAILED_TRANSIENT");
    expect(outcome.attempt).toMatchObject({ outcome: "TRANSPORT_ERROR", errorClass: "transport:network" });
    expect(outcome.order.failureMessage).toMatch(/nothing was sent/);
  });
});
