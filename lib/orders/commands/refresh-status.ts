import "server-only";
import { db } from "@/lib/db";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { visibleOrders } from "@/lib/orders/queries/access";
import { markDue } from "@/lib/orders/lifecycle/track";

/**
 * "Refresh now": makes a placed order due a status check at once. The check itself keeps to the
 * per-order gap and the budget (lib/orders/lifecycle/track.ts), so pressing it again and again
 * does not multiply the calls to Sectigo.
 */
export async function requestStatusRefresh(user: SessionUser, orderId: string): Promise<void> {
  const prisma = await db();
  const order = await prisma.order.findFirst({
    where: visibleOrders(user, { id: orderId }),
    select: { id: true, status: true },
  });
  if (!order) throw new Refusal("not_found", "This order does not exist or is not yours.");
  if (order.status !== "PLACED")
    throw new Refusal("not_allowed", "Only an order Sectigo is still working on can be refreshed.");
  await markDue(prisma, order.id);
}
