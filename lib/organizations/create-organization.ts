import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { requireMember } from "@/lib/organizations/access";
import type { SessionUser } from "@/lib/users/data";

/** The creator's roles in a new organization: they run it and may order and approve until they hand over. */
export const CREATOR_ROLES: OrgRole[] = ["OWNER", "REQUESTER", "APPROVER"];

/** Creates a company organization with the user as its first member; any customer may. */
export async function createOrganization(user: SessionUser, name: string): Promise<{ id: string }> {
  if (user.role !== "CUSTOMER")
    throw new Refusal("forbidden", "Only customer accounts create organizations.");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const org = await tx.organization.create({
      data: { name, personal: false, members: { create: { userId: user.id, roles: CREATOR_ROLES } } },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.created",
      details: { organizationId: org.id, name },
    });
    return org;
  });
}

/** Renames an organization (owners only). */
export async function renameOrganization(user: SessionUser, organizationId: string, name: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { name: before } = await requireMember(tx, user, organizationId, "manage");
    if (before === name) return;
    await tx.organization.update({ where: { id: organizationId }, data: { name } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.renamed",
      details: { organizationId, from: before, to: name },
    });
  });
}
