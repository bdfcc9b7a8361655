import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { visibleOrders } from "@/lib/orders/queries/access";

const orderSelect = {
  id: true,
  externalOrderNumber: true,
  sectigoOrderNumber: true,
  productCode: true,
  status: true,
  organizationName: true,
  commonName: true,
  test: true,
  createdAt: true,
  updatedAt: true,
} as const;

/**
 * One order with its attempt timeline, if the user may see it (customers: own orders only).
 * Never the cost: it is the reseller's purchase price (admins see it in getAdminOrderDetail).
 */
export async function getOrderForViewer(user: SessionUser, id: string) {
  const prisma = await db();
  return prisma.order.findFirst({
    where: visibleOrders(user, { id }),
    select: {
      ...orderSelect,
      days: true,
      certificateId: true,
      certificateState: true,
      failureClass: true,
      failureMessage: true,
      failureField: true,
      submittedAt: true,
      placedAt: true,
      ownerId: true,
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
        },
      },
    },
  });
}
