import "server-only";
import { assertRole, STAFF } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { SessionUser } from "@/lib/users/data";
import {
  CANCELLABLE_BY_SUPPORT,
  MARK_PLACED_FROM,
  REOPENABLE_BY_SUPPORT,
} from "@/lib/orders/model/transitions";
import { retryPolicy } from "@/lib/orders/lifecycle/retry";
import { REFUND_TO_CONFIRM } from "@/lib/orders/model/refund";
import { STORED_INPUT_INVALID } from "@/lib/orders/lifecycle/stored-input";
import { RETRYABLE_BY_SUPPORT, SUPPORT_QUEUE } from "@/lib/orders/model/transitions";
import { scrubAttempt, scrubAuditEvent, scrubSecretText } from "@/lib/orders/queries/scrub";
import { costFor } from "@/lib/prices/cost";
import {
  FAILURE_DETAIL,
  ORDER_AUDIT_TRAIL,
  ORDER_ROW,
  STAFF_ATTEMPTS,
  STAFF_TRACKING,
  TRACKING_VIEW,
} from "@/lib/orders/queries/selects";
import { staffTrackingView } from "@/lib/orders/queries/tracking-view";
import { normalValidationDays, SHORTEST_NORMAL_DAYS } from "@/lib/orders/model/normal-duration";
import { getProduct } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";

// Why each queue state needs a person, for the agent (the customer sees failureMessage).
const QUEUE_REASONS: Partial<Record<OrderStatus, string>> = {
  FAILED_TRANSIENT:
    "Sectigo could not be reached, and the automatic retries are used up. Nothing was placed.",
  OUTCOME_UNKNOWN:
    "Sent, but no clear answer came back (timeout, server error or the portal restarted): Sectigo may have the order.",
  NEEDS_REVIEW: "Sectigo refused the order with an error that needs a person to read it.",
  ACCOUNT_PROBLEM:
    "Sectigo refused the order because of our reseller account (balance, credentials or permissions).",
  NEEDS_RECONCILIATION:
    "Sectigo already has an order with this external order number: find it at Sectigo and record its order number.",
};

const STORED_INPUT_ADVICE =
  "Automatic retries stopped. An earlier send may have reached Sectigo under this order's external number: " +
  "check there before reopening it for correction or cancelling it.";

/** The agent-facing reason an order is in the queue, with the CA's explanation when there is one. */
function queueReason(
  status: OrderStatus,
  failureMessage: string | null,
  failureClass: string | null = null,
): string {
  // Held by the portal itself, not refused by Sectigo: say so, with what failed validation.
  if (failureClass === STORED_INPUT_INVALID) return `${failureMessage ?? ""} ${STORED_INPUT_ADVICE}`.trim();
  const base = QUEUE_REASONS[status] ?? "Needs attention.";
  return failureMessage && status !== "OUTCOME_UNKNOWN" && status !== "FAILED_TRANSIENT"
    ? `${base} Sectigo said: ${failureMessage}`
    : base;
}

const QUEUE_ROW = {
  id: true,
  externalOrderNumber: true,
  productCode: true,
  status: true,
  organizationName: true,
  commonName: true,
  test: true,
  failureMessage: true,
  failureClass: true,
  nextRetryAt: true,
  updatedAt: true,
  owner: { select: { email: true } },
  _count: { select: { attempts: true } },
} as const;

/** Orders that need a person, the longest waiting first; optionally one state only. */
export async function listSupportQueueOrders(
  user: SessionUser,
  filters: { status?: OrderStatus } = {},
  take = 200,
) {
  assertRole(user, STAFF);
  const statuses =
    filters.status && SUPPORT_QUEUE.includes(filters.status) ? [filters.status] : [...SUPPORT_QUEUE];
  const prisma = await db();
  const rows = await prisma.order.findMany({
    where: { status: { in: statuses } },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take,
    select: QUEUE_ROW,
  });
  return rows.map(({ _count, failureMessage, failureClass, ...row }) => ({
    ...row,
    attemptCount: _count.attempts,
    reason: queueReason(row.status, scrubSecretText(failureMessage), failureClass),
  }));
}

export type SupportQueueRow = Awaited<ReturnType<typeof listSupportQueueOrders>>[number];

/** Status checks failing this many times in a row make a placed order support's to look at. */
const FAILING_CHECKS = 3;

/**
 * Placed orders that are stuck: no progress at Sectigo for longer than the product normally
 * takes, status checks failing again and again, a collected certificate that failed the portal's
 * checks, or a cancellation whose answer was lost. The longest waiting first.
 */
export async function listStuckOrders(user: SessionUser, take = 200, now = new Date()) {
  assertRole(user, STAFF);
  const prisma = await db();
  const cutoff = new Date(now.getTime() - SHORTEST_NORMAL_DAYS * 86_400_000);
  const rows = await prisma.order.findMany({
    where: {
      status: "PLACED",
      OR: [
        { tracking: { lastChangeAt: { lt: cutoff } } },
        { tracking: { lastChangeAt: null }, placedAt: { lt: cutoff } },
        { tracking: { checkFailures: { gte: FAILING_CHECKS } } },
        { tracking: { revocationOutcome: "unknown" } },
      ],
    },
    orderBy: [{ placedAt: "asc" }, { id: "asc" }],
    take,
    select: {
      ...QUEUE_ROW,
      input: true,
      placedAt: true,
      tracking: {
        select: { lastChangeAt: true, checkFailures: true, lastError: true, revocationOutcome: true },
      },
    },
  });
  return rows.flatMap(
    ({ _count, failureMessage: _f, failureClass: _c, input, placedAt, tracking, ...row }) => {
      const product = getProduct(row.productCode);
      if (!product || !tracking) return [];
      const since = tracking.lastChangeAt ?? placedAt ?? row.updatedAt;
      const idleDays = (now.getTime() - since.getTime()) / 86_400_000;
      const normal = normalValidationDays(
        product,
        productShipsToken(product, (input ?? {}) as Record<string, unknown>),
      );
      const reasons: string[] = [];
      if (tracking.revocationOutcome === "unknown")
        reasons.push(
          "A cancellation was sent but its answer was lost: check at Sectigo whether it was carried out.",
        );
      if (tracking.checkFailures >= FAILING_CHECKS)
        reasons.push(
          `The last ${tracking.checkFailures} status checks failed: ${scrubSecretText(tracking.lastError) ?? "no detail"}.`,
        );
      if (idleDays > normal)
        reasons.push(
          `No progress at Sectigo for ${Math.floor(idleDays)} days; this product normally takes up to ${normal}.`,
        );
      if (reasons.length === 0) return [];
      return [{ ...row, attemptCount: _count.attempts, reason: reasons.join(" ") }];
    },
  );
}

/**
 * Orders cancelled at Sectigo whose refund our support team still has to ask Sectigo's support
 * for (there is no refund call for eIDAS orders), the longest waiting first.
 */
export async function listRefundsToConfirm(user: SessionUser, take = 200): Promise<SupportQueueRow[]> {
  assertRole(user, STAFF);
  const prisma = await db();
  const rows = await prisma.order.findMany({
    where: { status: "CANCELLED", tracking: { refundState: REFUND_TO_CONFIRM } },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take,
    select: QUEUE_ROW,
  });
  return rows.map(({ _count, failureMessage: _message, failureClass: _class, ...row }) => ({
    ...row,
    attemptCount: _count.attempts,
    reason:
      "Cancelled at Sectigo: ask Sectigo's support for the refund (there is no refund call for eIDAS orders), then record the answer on the order.",
  }));
}

/** "Retrying" for the agent: which retry of how many, and when the next attempt is due (UTC). */
function retryingReason(retryCount: number, nextRetryAt: Date | null): string {
  const when = nextRetryAt
    ? `next attempt at ${nextRetryAt.toISOString().slice(11, 19)} UTC on ${nextRetryAt.toISOString().slice(0, 10)}`
    : "next attempt as soon as the retry worker runs";
  return (
    `Retrying automatically (retry ${retryCount} of ${retryPolicy().maxAttempts}); ${when}. ` +
    "Each retry carries the external order number with the duplicate check. Support can retry now or cancel."
  );
}

/**
 * Orders waiting for an automatic retry, the soonest due first: not yet support's to fix, but
 * shown in the queue so an agent can act before the retries are used up.
 */
export async function listRetryingOrders(user: SessionUser, take = 200): Promise<SupportQueueRow[]> {
  assertRole(user, STAFF);
  const prisma = await db();
  const rows = await prisma.order.findMany({
    where: { status: "RETRY_SCHEDULED" },
    orderBy: [{ nextRetryAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take,
    select: { ...QUEUE_ROW, retryCount: true },
  });
  return rows.map(({ _count, failureMessage: _message, failureClass: _class, retryCount, ...row }) => ({
    ...row,
    attemptCount: _count.attempts,
    reason: retryingReason(retryCount, row.nextRetryAt),
  }));
}

/** One order with every attempt (request as sent and raw answer, both scrubbed) and its audit trail. */
export async function getSupportOrder(user: SessionUser, orderId: string) {
  assertRole(user, STAFF);
  const prisma = await db();
  const found = await prisma.order.findUnique({
    where: { id: orderId },
    select: {
      ...ORDER_ROW,
      days: true,
      version: true,
      ...FAILURE_DETAIL,
      retryCount: true,
      nextRetryAt: true,
      submittedAt: true,
      placedAt: true,
      owner: { select: { email: true, name: true } },
      attempts: STAFF_ATTEMPTS,
      auditEvents: ORDER_AUDIT_TRAIL,
      ...TRACKING_VIEW,
      tracking: STAFF_TRACKING,
    },
  });
  if (!found) return null;
  const { input: _input, uniqueValue: _unique, tracking, certificate, events, ...shown } = found;
  // The page renders each stored request and raw answer: through the one scrubber first.
  const order = {
    ...shown,
    after: staffTrackingView({ ...found, tracking, certificate, events }),
    failureMessage: scrubSecretText(found.failureMessage),
    attempts: found.attempts.map((attempt) => costFor(user, scrubAttempt(attempt))),
    auditEvents: found.auditEvents.map((event) => scrubAuditEvent(event)),
  };
  return {
    ...order,
    reason:
      order.status === "RETRY_SCHEDULED"
        ? retryingReason(order.retryCount, order.nextRetryAt)
        : SUPPORT_QUEUE.includes(order.status)
          ? queueReason(order.status, order.failureMessage, order.failureClass)
          : null,
    allowed: {
      retry: RETRYABLE_BY_SUPPORT.includes(order.status),
      markPlaced: MARK_PLACED_FROM.includes(order.status),
      cancel: CANCELLABLE_BY_SUPPORT.includes(order.status),
      reopen: REOPENABLE_BY_SUPPORT.includes(order.status),
      refund: order.status === "CANCELLED" && tracking?.refundState === REFUND_TO_CONFIRM,
    },
  };
}

export type SupportOrder = NonNullable<Awaited<ReturnType<typeof getSupportOrder>>>;
