import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ADMIN, assertRole } from "@/lib/auth/roles";
import { scrubAttempt, scrubAuditEvent, scrubSecrets, scrubSecretText } from "@/lib/orders/queries/scrub";
import {
  FAILURE_DETAIL,
  ORDER_AUDIT_TRAIL,
  ORDER_ROW,
  STAFF_ATTEMPTS,
  STAFF_TRACKING,
  TRACKING_VIEW,
} from "@/lib/orders/queries/selects";
import { staffTrackingView } from "@/lib/orders/queries/tracking-view";
import type { SessionUser } from "@/lib/users/data";
import { ORDER_QUOTE } from "@/lib/prices/order-quote";

const detailSelect = {
  ...ORDER_ROW,
  days: true,
  // The reseller's purchase price: admins only (the customer's getOrderForViewer never selects it).
  totalCost: true,
  ...ORDER_QUOTE,
  serverSoftware: true,
  certificateId: true,
  certificateState: true,
  ...FAILURE_DETAIL,
  retryCount: true,
  nextRetryAt: true,
  version: true,
  submittedAt: true,
  placedAt: true,
  owner: { select: { id: true, email: true, name: true } },
  attempts: STAFF_ATTEMPTS,
  shipping: {
    select: {
      organizationName: true,
      organizationalUnitName: true,
      streetAddress1: true,
      streetAddress2: true,
      streetAddress3: true,
      localityName: true,
      stateOrProvinceName: true,
      postalCode: true,
      countryName: true,
      title: true,
      forename: true,
      surname: true,
      emailAddress: true,
      telephone: true,
    },
  },
  auditEvents: ORDER_AUDIT_TRAIL,
  // input and uniqueValue come with it (the admin page shows both).
  ...TRACKING_VIEW,
  tracking: STAFF_TRACKING,
} as const satisfies Prisma.OrderSelect;

type DetailRow = Prisma.OrderGetPayload<{ select: typeof detailSelect }>;
export type AdminOrderDetail = Omit<DetailRow, "tracking" | "certificate" | "events"> & {
  after: ReturnType<typeof staffTrackingView>;
};

/** Everything about one order (input, attempts, shipping, audit trail): admins only; null if absent. */
export async function getAdminOrderDetail(user: SessionUser, id: string): Promise<AdminOrderDetail | null> {
  assertRole(user, ADMIN, "open an order's full record");
  const prisma = await db();
  const order = await prisma.order.findUnique({ where: { id }, select: detailSelect });
  if (!order) return null;
  const { tracking, certificate, events, ...rest } = order;
  return {
    ...rest,
    after: staffTrackingView({ ...order, tracking, certificate, events }),
    input: scrubSecrets(order.input),
    failureMessage: scrubSecretText(order.failureMessage),
    attempts: order.attempts.map((attempt) => scrubAttempt(attempt)),
    auditEvents: order.auditEvents.map((event) => scrubAuditEvent(event)),
  };
}
