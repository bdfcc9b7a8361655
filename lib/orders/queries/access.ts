import "server-only";
import { hasRole, STAFF } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/users/data";

/** Staff see every order; a customer sees only their own. Deny by default. */
export function isStaff(user: SessionUser): boolean {
  return hasRole(user, STAFF);
}

/**
 * The where-clause that limits a query to the orders this user may see. A customer asking for
 * another customer's order gets the same "not found" as for an order that does not exist.
 */
export function visibleOrders(user: SessionUser, where: Prisma.OrderWhereInput = {}): Prisma.OrderWhereInput {
  const owner = visibleOwner(user);
  return owner === null ? where : { AND: [where, { ownerId: owner }] };
}

/** The same rule for raw SQL: the owner this user's orders are limited to, null for staff (any). */
export function visibleOwner(user: SessionUser): string | null {
  return isStaff(user) ? null : user.id;
}

/** Orders this user may change as their owner (customers edit only their own). */
export function ownOrders(user: SessionUser, where: Prisma.OrderWhereInput = {}): Prisma.OrderWhereInput {
  return { AND: [where, { ownerId: user.id }] };
}
