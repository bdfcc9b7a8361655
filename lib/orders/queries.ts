import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { SUPPORT_QUEUE } from "@/lib/orders/transitions";
import { visibleOrders } from "@/lib/orders/access";

const listSelect = {
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

/** The caller's own orders and drafts, newest first. */
export async function listOwnOrders(user: SessionUser, take = 50) {
  const prisma = await db();
  return prisma.order.findMany({
    where: { ownerId: user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: listSelect,
  });
}

/** Every order, newest first: admins only. */
export async function listAllOrders(user: SessionUser, take = 50) {
  if (user.role !== "ADMIN") throw new Error("Only administrators can list all orders.");
  const prisma = await db();
  return prisma.order.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { ...listSelect, owner: { select: { email: true } } },
  });
}

/** Orders that need a person, oldest first: support and admins. */
export async function listSupportQueue(user: SessionUser, take = 100) {
  if (user.role !== "SUPPORT" && user.role !== "ADMIN")
    throw new Error("Only support staff can see the queue.");
  const prisma = await db();
  return prisma.order.findMany({
    where: { status: { in: [...SUPPORT_QUEUE] } },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take,
    select: { ...listSelect, failureMessage: true, owner: { select: { email: true } } },
  });
}

/** One order with its attempt timeline, if the user may see it (customers: own orders only). */
export async function getOrderForViewer(user: SessionUser, id: string) {
  const prisma = await db();
  return prisma.order.findFirst({
    where: visibleOrders(user, { id }),
    select: {
      ...listSelect,
      days: true,
      totalCost: true,
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
