import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { rolesFor } from "@/lib/organizations/permissions";

const NOT_FOUND = "This organization does not exist, or you cannot change its settings.";

/**
 * An organization's approval settings, for a member who may manage it. Personal organizations
 * have none (nothing there needs approval): null, like an organization the user cannot manage.
 */
export async function getApprovalSettings(user: SessionUser, organizationId: string) {
  const prisma = await db();
  return prisma.organization.findFirst({
    where: {
      id: organizationId,
      personal: false,
      members: { some: { userId: user.id, roles: { hasSome: rolesFor("manage") } } },
    },
    select: { id: true, name: true, approvalRequired: true, selfApprovalAllowed: true },
  });
}

/**
 * Changes the two switches, audited with the values before and after. The check and the write
 * are one conditional UPDATE, so a member removed meanwhile changes nothing.
 */
export async function updateApprovalSettings(
  user: SessionUser,
  input: { organizationId: string; approvalRequired: boolean; selfApprovalAllowed: boolean },
): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const before = await tx.organization.findFirst({
      where: {
        id: input.organizationId,
        personal: false,
        members: { some: { userId: user.id, roles: { hasSome: rolesFor("manage") } } },
      },
      select: { approvalRequired: true, selfApprovalAllowed: true },
    });
    if (!before) throw new Refusal("not_found", NOT_FOUND);
    const { count } = await tx.organization.updateMany({
      where: {
        id: input.organizationId,
        personal: false,
        members: { some: { userId: user.id, roles: { hasSome: rolesFor("manage") } } },
      },
      data: { approvalRequired: input.approvalRequired, selfApprovalAllowed: input.selfApprovalAllowed },
    });
    if (count !== 1) throw new Refusal("not_found", NOT_FOUND);
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.approval_settings_changed",
      details: {
        organizationId: input.organizationId,
        before,
        after: { approvalRequired: input.approvalRequired, selfApprovalAllowed: input.selfApprovalAllowed },
      },
    });
  });
}
