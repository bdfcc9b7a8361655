import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { AT_CA, SUPPORT_QUEUE, TRANSITIONS } from "@/lib/orders/model/transitions";
import type { HttpLog } from "./portal-client";
import type { PortalOrder } from "./order-source";
import type { CaOrder } from "./sandbox";

// What must hold after a soak, however the faults fell. Pure: the soak gathers the facts (its
// own record of what the customers were told, the portal's orders, the CA's orders, every HTTP
// status) and this decides.

export interface Submission {
  customer: string;
  externalOrderNumber: string;
  orderId: string;
  /** What the customer was told: the submit action's answer, or that none came. */
  outcome: "accepted" | "refused" | "error" | "not-submitted";
  message?: string;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  problems: string[];
}

/**
 * Orders whose send is over: they need nobody (no transition out), the CA has them (after placing
 * only Sectigo moves them on), or they wait for an automatic retry or for support.
 */
const TERMINAL = (Object.keys(TRANSITIONS) as OrderStatus[]).filter((s) => TRANSITIONS[s].length === 0);
export const SETTLED: readonly string[] = [...TERMINAL, ...AT_CA, "RETRY_SCHEDULED", ...SUPPORT_QUEUE];

/** States that tell the customer and support that the CA does not have the order. */
const NOTHING_PLACED: readonly string[] = ["DRAFT", "REJECTED", "FAILED_TRANSIENT", "ACCOUNT_PROBLEM"];

function check(name: string, problems: string[]): CheckResult {
  return { name, ok: problems.length === 0, problems };
}

export function checkInvariants(facts: {
  submissions: Submission[];
  portalOrders: PortalOrder[];
  /** The CA's orders placed since the soak started. */
  caOrders: CaOrder[];
  http: HttpLog;
}): CheckResult[] {
  const portal = new Map(facts.portalOrders.map((o) => [o.externalOrderNumber, o]));
  const ca = new Map<string, CaOrder[]>();
  const withoutFon: CaOrder[] = [];
  for (const order of facts.caOrders) {
    if (!order.foreignOrderNumber) withoutFon.push(order);
    else ca.set(order.foreignOrderNumber, [...(ca.get(order.foreignOrderNumber) ?? []), order]);
  }

  const lost: string[] = [];
  for (const s of facts.submissions) {
    const order = portal.get(s.externalOrderNumber);
    const label = `${s.externalOrderNumber} (${s.outcome})`;
    if (!order) lost.push(`${label}: not in the portal`);
    else if (order.status === "SUBMITTING" && order.pendingAttempts !== null && order.pendingAttempts > 0)
      continue; // still waiting for the CA: in flight, not lost
    else if (order.status === "SUBMITTING") lost.push(`${label}: SUBMITTING without a pending attempt`);
    else if (order.status === "DRAFT" && s.outcome !== "accepted")
      continue; // never sent: still the customer's
    else if (!SETTLED.includes(order.status)) lost.push(`${label}: ${order.status}`);
    else if (order.status === "RETRY_SCHEDULED" && order.retryQueued === false)
      lost.push(`${label}: RETRY_SCHEDULED, but no retry job is queued`);
  }

  const answered = facts.submissions
    .filter((s) => s.outcome === "refused" || s.outcome === "error")
    .map((s) => `${s.externalOrderNumber}: ${s.outcome}: ${s.message ?? ""}`);

  const duplicates = [...ca]
    .filter(([, orders]) => orders.length > 1)
    .map(([fon, orders]) => `${fon}: ${orders.map((o) => o.orderNumber).join(", ")}`);

  const unmatched = [
    ...withoutFon.map((o) => `CA order ${o.orderNumber} has no external order number`),
    ...[...ca.keys()]
      .filter((fon) => !portal.has(fon))
      .map((fon) => `${fon} is at the CA, not in the portal`),
  ];

  const disagreeing: string[] = [];
  for (const order of facts.portalOrders) {
    const atCa = ca.get(order.externalOrderNumber) ?? [];
    if (AT_CA.includes(order.status as OrderStatus)) {
      if (atCa.length !== 1)
        disagreeing.push(`${order.externalOrderNumber}: ${order.status}, ${atCa.length} at the CA`);
      else if (order.sectigoOrderNumber !== atCa[0]!.orderNumber)
        disagreeing.push(
          `${order.externalOrderNumber}: portal has Sectigo number ${order.sectigoOrderNumber}, CA ${atCa[0]!.orderNumber}`,
        );
    } else if (atCa.length > 0 && NOTHING_PLACED.includes(order.status)) {
      disagreeing.push(`${order.externalOrderNumber}: ${order.status}, but the CA has it`);
    }
  }

  const failedRequests = facts.http.problems.map((p) =>
    `${p.method} ${p.path}: ${p.status ? `HTTP ${p.status}` : p.error} ${p.snippet ?? ""}`.trim(),
  );

  return [
    check("every order the customers got a number for is settled or in flight (none lost)", lost),
    check("every submit was answered and accepted", answered),
    check("at most one CA order per external order number", duplicates),
    check("every CA order belongs to a portal order", unmatched),
    check("the portal's state agrees with the CA", disagreeing),
    check("no 5xx answer or failed request from the portal", failedRequests),
  ];
}
