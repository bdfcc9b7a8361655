import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { Refusal } from "@/lib/refusal";
import { rolesCan, type OrgCapability } from "@/lib/organizations/permissions";
import type { SessionUser } from "@/lib/users/data";

// The checks of the organization commands, run inside their transaction.

const NOT_FOUND = "This organization does not exist or you are not a member.";

/**
 * Locks the organization's row for the rest of the transaction: every change of its members
 * takes this lock first, so two owners demoting each other at once run one after the other and
 * the second sees the first's change (the constraint trigger is the backstop).
 */
export async function lockOrganization(tx: Prisma.TransactionClient, organizationId: string) {
  const rows = await tx.$queryRaw<{ id: string; personal: boolean; name: string }[]>`
    SELECT "id", "personal", "name" FROM "Organization" WHERE "id" = ${organizationId} FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * The caller's roles in a company organization, after locking it; refuses (as "not found" for a
 * non-member, so ids cannot be probed) unless the roles grant `capability`. Personal
 * organizations have no members to manage. Staff are not members and get no special right here.
 */
export async function requireMember(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  organizationId: string,
  capability: OrgCapability | null,
): Promise<{ roles: OrgRole[]; name: string }> {
  const org = await lockOrganization(tx, organizationId);
  if (!org || org.personal) throw new Refusal("not_found", NOT_FOUND);
  const member = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: user.id } },
    select: { roles: true },
  });
  if (!member) throw new Refusal("not_found", NOT_FOUND);
  if (capability && !rolesCan(member.roles, capability))
    throw new Refusal("forbidden", "Only an owner of this organization can do this.");
  return { roles: member.roles, name: org.name };
}

/** Refuses a change that would leave the organization without an owner. */
export async function requireAnotherOwner(
  tx: Prisma.TransactionClient,
  organizationId: string,
  userId: string,
  message: string,
) {
  const others = await tx.membership.count({
    where: { organizationId, userId: { not: userId }, roles: { has: "OWNER" } },
  });
  if (others === 0) throw new Refusal("not_allowed", message);
}
