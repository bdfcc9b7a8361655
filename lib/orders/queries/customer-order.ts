import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { visibleOrders } from "@/lib/orders/queries/access";
import { scrubAttempt, scrubSecretText } from "@/lib/orders/queries/scrub";
import { ORDER_ROW } from "@/lib/orders/queries/selects";

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
  if (!order) return null;
  // The page shows the CA's messages: through the one scrubber, like the staff pages.
  return {
    ...order,
    failureMessage: scrubSecretText(order.failureMessage),
    attempts: order.attempts.map((attempt) => scrubAttempt(attempt)),
  };
}
