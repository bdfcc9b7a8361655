import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { isStaff, ordersUserCan, visibleOrders } from "@/lib/orders/queries/access";
import { rolesFor } from "@/lib/organizations/permissions";
import { scrubAttempt, scrubSecretText } from "@/lib/orders/queries/scrub";
import { ORDER_ROW, TRACKING_VIEW } from "@/lib/orders/queries/selects";
import { trackingView } from "@/lib/orders/queries/tracking-view";
import { ORDER_QUOTE, storedQuote } from "@/lib/prices/order-quote";

/**
 * One order with its attempt timeline, if the user may see it (customers: own orders only).
 * Never the cost: it is the reseller's purchase price (admins see it in getAdminOrderDetail).
 */
export async function getOrderForViewer(user: SessionUser, id: string) {
  const prisma = await db();
  const order = await prisma.order.findFirst({
    where: visibleOrders(user, { id }),
    select: {
      ...ORDER_ROW,
      days: true,
      certificateId: true,
      certificateState: true,
      failureClass: true,
      failureMessage: true,
      failureField: true,
      submittedAt: true,
      placedAt: true,
      ownerId: true,
      version: true,
      ...ORDER_QUOTE,
      organizationId: true,
      organization: { select: { name: true, personal: true } },
      owner: { select: { name: true } },
      ...TRACKING_VIEW,
      attempts: {
        orderBy: { startedAt: "asc" },
        select: {
          id: true,
          trigger: true,
          outcome: true,
          message: true,
          errorCode: true,
          startedAt: true,
          finishedAt: true,
          triggeredById: true,
          triggeredBy: { select: { name: true, email: true } },
        },
      },
    },
  });
  if (!order) return null;
  // What the page offers: acting on the order (DCV, cancel, revoke) needs "request", as the
  // commands check again; renewing writes a draft for the organization, which staff cannot.
  const requester = await prisma.membership.findFirst({
    where: { organizationId: order.organizationId, userId: user.id, roles: { hasSome: rolesFor("request") } },
    select: { userId: true },
  });
  const may = { act: isStaff(user) || requester !== null, renew: requester !== null };
  // The page shows the CA's messages: through the one scrubber, like the staff pages.
  const { input, uniqueValue, tracking, certificate, events, ...rest } = order;
  return {
    ...rest,
    quote: storedQuote(order),
    may,
    failureMessage: scrubSecretText(order.failureMessage),
    // Who sent each attempt, as the viewer knows them: "you", or the colleague (an approver's
    // send, another requester's) by name or address.
    attempts: order.attempts.map(({ triggeredById, triggeredBy, ...attempt }) => ({
      ...scrubAttempt(attempt),
      sentBy:
        triggeredById === user.id ? "you" : triggeredBy?.name?.trim() || triggeredBy?.email || "a colleague",
    })),
    after: trackingView({
      status: order.status,
      productCode: order.productCode,
      input,
      uniqueValue,
      tracking,
      certificate,
      events,
    }),
  };
}

/**
 * The stored certificate and chain of an order the user may see (customers: own orders; staff:
 * any), for the download route. Null when the order is not visible or has no certificate yet.
 */
export async function getCertificateForViewer(user: SessionUser, id: string) {
  const prisma = await db();
  const order = await prisma.order.findFirst({
    where: ordersUserCan(user, "download", { id }),
    select: {
      externalOrderNumber: true,
      certificate: { select: { certificatePem: true, chainPem: true, serialNumber: true } },
    },
  });
  if (!order?.certificate) return null;
  const chain = Array.isArray(order.certificate.chainPem)
    ? order.certificate.chainPem.filter((p): p is string => typeof p === "string")
    : [];
  return {
    externalOrderNumber: order.externalOrderNumber,
    certificatePem: order.certificate.certificatePem,
    chainPem: chain,
  };
}
