import type { OrderStatus, AttemptOutcome } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PlaceOrderResult } from "@/lib/sectigo/client";
import type { AttemptRecord } from "@/lib/orders/lifecycle/store";

export interface Outcome {
  status: OrderStatus;
  attempt: AttemptRecord;
  order: Prisma.OrderUncheckedUpdateManyInput;
}

const TRANSPORT_EXPLANATION = {
  reached:
    "We lost the connection to Sectigo after sending the order, so we cannot tell yet whether it was placed. " +
    "Our support team checks and completes it without placing it twice; you do not need to do anything.",
  notReached:
    "We could not reach Sectigo; nothing was sent. Our support team will send the order again; you do not need to do anything.",
};

/**
 * Where an order goes after one call to the CA. The rule that prevents double orders: whenever
 * the CA may have the order (timeout, connection lost, 5xx after sending), the state is
 * OUTCOME_UNKNOWN and any later send carries checkFONIsUnique=Y.
 */
export function outcomeOf(result: PlaceOrderResult): Outcome {
  // No request here: the claim stored it, exactly as sent, before the call.
  const base = { durationMs: Math.round(result.durationMs) };
  switch (result.kind) {
    case "success":
      return {
        status: "PLACED",
        attempt: {
          ...base,
          outcome: "PLACED",
          responseBody: result.rawBody,
          httpStatus: result.httpStatus,
          errorCode: result.status,
        },
        order: {
          sectigoOrderNumber: result.orderNumber,
          totalCost: result.totalCost,
          certificateId: result.certificateId ?? null,
          certificateState: result.certificateState ?? null,
          uniqueValue: result.uniqueValue ?? null,
          placedAt: new Date(),
          failureClass: null,
          failureCode: null,
          failureMessage: null,
          failureField: null,
        },
      };
    case "ca-error": {
      const e = result.error;
      const status: OrderStatus =
        e.class === "input"
          ? "REJECTED"
          : e.class === "account"
            ? "ACCOUNT_PROBLEM"
            : e.class === "transient"
              ? "FAILED_TRANSIENT"
              : e.class === "duplicate-fon"
                ? "NEEDS_RECONCILIATION"
                : "NEEDS_REVIEW";
      return {
        status,
        attempt: {
          ...base,
          outcome: "CA_ERROR" as AttemptOutcome,
          responseBody: result.rawBody,
          httpStatus: result.httpStatus,
          errorCode: result.code,
          errorClass: e.class,
          message: e.explanation,
        },
        order: {
          failureClass: e.class,
          failureCode: result.code,
          failureMessage: e.explanation,
          failureField: e.field,
        },
      };
    }
    case "transport": {
      const reached = result.mayHaveReachedCa;
      return {
        status: reached ? "OUTCOME_UNKNOWN" : "FAILED_TRANSIENT",
        attempt: {
          ...base,
          outcome: reached ? "UNKNOWN" : "TRANSPORT_ERROR",
          responseBody: result.rawBody ?? null,
          httpStatus: result.httpStatus ?? null,
          errorClass: `transport:${result.reason}`,
          message: result.message,
        },
        order: {
          failureClass: `transport:${result.reason}`,
          failureCode: null,
          failureMessage: reached ? TRANSPORT_EXPLANATION.reached : TRANSPORT_EXPLANATION.notReached,
          failureField: null,
        },
      };
    }
  }
}
