import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { requireAnotherOwner, requireMember } from "@/lib/organizations/access";
import type { SessionUser } from "@/lib/users/data";

// Owners change members' roles and remove members; anyone may leave. Each runs in one
// transaction that first locks the organization (lib/organizations/access.ts), and every order
// query joins Membership, so a removed member's next request already finds nothing.

const LAST_OWNER = "An organization needs at least one owner: make someone else an owner first.";

async function memberRoles(tx: Parameters<typeof requireMember>[0], organizationId: string, userId: string) {
  const row = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { roles: true },
  });
  if (!row) throw new Refusal("not_found", "This person is not a member of the organization.");
  return row.roles;
}

/** Sets a member's roles (owners only); the last owner keeps OWNER. */
export async function changeMemberRoles(
  user: SessionUser,
  organizationId: string,
  userId: string,
  roles: OrgRole[],
) {
  if (roles.length === 0)
    throw new Refusal("invalid", "Choose at least one role.", { roles: ["Choose at least one role."] });
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, organizationId, "manage");
    const before = await memberRoles(tx, organizationId, userId);
    if (before.includes("OWNER") && !roles.includes("OWNER"))
      await requireAnotherOwner(tx, organizationId, userId, LAST_OWNER);
    await tx.membership.update({
      where: { organizationId_userId: { organizationId, userId } },
      data: { roles },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.member_roles_changed",
      targetUserId: userId,
      details: { organizationId, from: before, to: roles },
    });
  });
}

/** Removes a member (owners only; the last owner stays). */
export async function removeMember(user: SessionUser, organizationId: string, userId: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, organizationId, "manage");
    const before = await memberRoles(tx, organizationId, userId);
    if (before.includes("OWNER")) await requireAnotherOwner(tx, organizationId, userId, LAST_OWNER);
    await tx.membership.delete({ where: { organizationId_userId: { organizationId, userId } } });
    await recordAudit(tx, {
      actorId: user.id,
      action: userId === user.id ? "organization.member_left" : "organization.member_removed",
      targetUserId: userId,
      details: { organizationId, roles: before },
    });
  });
}

/** The user leaves an organization (unless they are its last owner). */
export async function leaveOrganization(user: SessionUser, organizationId: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { roles } = await requireMember(tx, user, organizationId, null);
    if (roles.includes("OWNER")) await requireAnotherOwner(tx, organizationId, user.id, LAST_OWNER);
    await tx.membership.delete({ where: { organizationId_userId: { organizationId, userId: user.id } } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.member_left",
      targetUserId: user.id,
      details: { organizationId, roles },
    });
  });
}
