import "server-only";
import { db } from "@/lib/db";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { rolesFor, type OrgCapability } from "@/lib/organizations/permissions";
import type { SessionUser } from "@/lib/users/data";

/** The company (non-personal) organizations the user belongs to, with their roles. */
export async function listOrganizationsForUser(user: SessionUser) {
  const prisma = await db();
  const rows = await prisma.membership.findMany({
    where: { userId: user.id, organization: { personal: false } },
    select: {
      roles: true,
      organization: {
        // API keys' accounts are members only to carry the key's rights (lib/api-keys/manage.ts).
        select: {
          id: true,
          name: true,
          _count: { select: { members: { where: { user: { apiKey: null } } } } },
        },
      },
    },
    orderBy: { organization: { name: "asc" } },
  });
  return rows.map((r) => ({
    id: r.organization.id,
    name: r.organization.name,
    members: r.organization._count.members,
    roles: r.roles,
  }));
}

/** Whether the user belongs to a company organization: only then does the portal show any of it. */
export async function belongsToCompany(user: SessionUser): Promise<boolean> {
  const prisma = await db();
  const row = await prisma.membership.findFirst({
    where: { userId: user.id, organization: { personal: false } },
    select: { organizationId: true },
  });
  return row !== null;
}

/** The company organizations in which the user holds a role granting `capability`. */
export async function listOrganizationsUserCan(user: SessionUser, capability: OrgCapability) {
  const prisma = await db();
  const rows = await prisma.membership.findMany({
    where: { userId: user.id, organization: { personal: false }, roles: { hasSome: rolesFor(capability) } },
    select: { organization: { select: { id: true, name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return rows.map((r) => r.organization);
}

/**
 * A company organization the user belongs to, with their roles, its members and (for those who
 * may manage it) its open invitations; null for a non-member, a personal one or no such id.
 */
export async function getOrganizationForMember(user: SessionUser, organizationId: string) {
  const prisma = await db();
  const org = await prisma.organization.findFirst({
    where: { id: organizationId, personal: false, members: { some: { userId: user.id } } },
    select: {
      id: true,
      name: true,
      members: {
        where: { user: { apiKey: null } },
        select: { roles: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!org) return null;
  const myRoles: OrgRole[] = org.members.find((m) => m.user.id === user.id)?.roles ?? [];
  const manages = myRoles.some((r) => rolesFor("manage").includes(r));
  const invitations = manages
    ? await prisma.invitation.findMany({
        where: { organizationId, acceptedAt: null, revokedAt: null },
        select: { id: true, email: true, roles: true, createdAt: true, expiresAt: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  return {
    id: org.id,
    name: org.name,
    myRoles,
    manages,
    members: org.members.map((m) => ({ ...m.user, roles: m.roles, since: m.createdAt })),
    invitations: invitations.map((inv) => ({ ...inv, expired: inv.expiresAt <= new Date() })),
  };
}
