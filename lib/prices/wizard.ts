import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { visibleOrders } from "@/lib/orders/queries/access";
import { Refusal } from "@/lib/refusal";
import { rolesFor } from "@/lib/organizations/permissions";
import { priceTable, quoteFor, quoteForOrder } from "./lookup";
import { quoteKey, type Quote } from "./quote";

/**
 * Whose prices an order gets: its organization's. A new order (no id yet) is for the organization
 * the user chose, if they may request there, else their personal one. A customer only learns the
 * prices of an order they may read.
 */
async function organizationOf(
  user: SessionUser,
  orderId: string | undefined,
  forOrganization?: string,
): Promise<string> {
  const prisma = await db();
  if (!orderId) {
    if (!forOrganization || forOrganization === user.id) return user.id;
    const member = await prisma.membership.findFirst({
      where: { organizationId: forOrganization, userId: user.id, roles: { hasSome: rolesFor("request") } },
      select: { organizationId: true },
    });
    return member?.organizationId ?? user.id;
  }
  const order = await prisma.order.findFirst({
    where: visibleOrders(user, { id: orderId }),
    select: { organizationId: true },
  });
  if (!order) throw new Refusal("not_found", "This order does not exist, or you cannot see it.");
  return order.organizationId;
}

/** Net prices by "product:days" that the wizard shows beside each choice of this order. */
export async function wizardPrices(user: SessionUser, orderId?: string, forOrganization?: string) {
  return priceTable(await organizationOf(user, orderId, forOrganization));
}

/** The review step's quote and the key it posts back at submission (the same function stores it). */
export async function reviewQuote(
  user: SessionUser,
  orderId: string | undefined,
  input: Record<string, unknown>,
): Promise<{ quote: Quote | null; key: string }> {
  const prisma = await db();
  // A saved order: exactly the lookup its submission will make (quoteForOrder).
  const organizationId = await organizationOf(user, orderId);
  const quote = orderId
    ? await quoteForOrder(prisma, orderId, input)
    : await quoteFor(prisma, organizationId, input);
  return { quote, key: quoteKey(quote) };
}
