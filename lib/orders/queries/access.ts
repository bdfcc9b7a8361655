import "server-only";
import { hasRole, STAFF } from "@/lib/auth/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import { rolesFor, type OrgCapability } from "@/lib/organizations/permissions";
import type { SessionUser } from "@/lib/users/data";

/** Staff see every order; a customer sees only their organizations' orders. Deny by default. */
export function isStaff(user: SessionUser): boolean {
  return hasRole(user, STAFF);
}

/**
 * Orders of the organizations in which the user holds a role granting `capability`. The check
 * joins through Membership on every query, so a removed member loses access at once.
 */
export function memberCan(user: SessionUser, capability: OrgCapability): Prisma.OrderWhereInput {
  return {
    organization: { members: { some: { userId: user.id, roles: { hasSome: rolesFor(capability) } } } },
  };
}

/**
 * The where-clause that limits a query to the orders this user may see. A customer asking for
 * another organization's order gets the same "not found" as for an order that does not exist.
 */
export function visibleOrders(user: SessionUser, where: Prisma.OrderWhereInput = {}): Prisma.OrderWhereInput {
  return isStaff(user) ? where : { AND: [where, memberCan(user, "read")] };
}

/** Orders on which this user (as a member; staff everywhere) may use `capability`. */
export function ordersUserCan(
  user: SessionUser,
  capability: OrgCapability,
  where: Prisma.OrderWhereInput = {},
): Prisma.OrderWhereInput {
  return isStaff(user) ? where : { AND: [where, memberCan(user, capability)] };
}

/**
 * Orders this user may change as their requester: the drafts and orders they wrote, in an
 * organization where they may still request (customers edit only their own).
 */
export function ownOrders(user: SessionUser, where: Prisma.OrderWhereInput = {}): Prisma.OrderWhereInput {
  return { AND: [where, { ownerId: user.id }, memberCan(user, "request")] };
}

/**
 * The same rules for raw SQL over `"Order" o`: the condition that the user holds a role granting
 * `capability` in the order's organization (always true for staff).
 */
export function memberCanSql(user: SessionUser, capability: OrgCapability): Prisma.Sql {
  if (isStaff(user)) return Prisma.sql`TRUE`;
  const roles = Prisma.join(rolesFor(capability).map((role) => Prisma.sql`${role}::"OrgRole"`));
  return Prisma.sql`EXISTS (SELECT 1 FROM "Membership" m WHERE m."organizationId" = o."organizationId"
    AND m."userId" = ${user.id}::text AND m."roles" && ARRAY[${roles}])`;
}

/** Raw-SQL form of ownOrders (staff: any order). */
export function ownOrdersSql(user: SessionUser): Prisma.Sql {
  if (isStaff(user)) return Prisma.sql`TRUE`;
  return Prisma.sql`(o."ownerId" = ${user.id}::text AND ${memberCanSql(user, "request")})`;
}
