import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { rolesCan, type OrgCapability } from "./permissions";
import type { OrderOrganization } from "./profile-diff";
import { storedProfileValues, type ProfileValues } from "./profile-fields";

// The company profile of a (non-personal) organization: read by its members, written by those
// who may manage it, at the version the editor saw. A personal organization has no profile: a
// private person sees none of the organization pages.

/** No such organization, or not one of the user's (the same answer, so ids cannot be probed). */
export class OrganizationNotFound extends Refusal {
  constructor() {
    super("not_found", "This organization does not exist, or you are not a member.");
    this.name = "OrganizationNotFound";
  }
}

/** Another owner saved the profile since this page was loaded. */
export class ProfileChanged extends Refusal {
  constructor() {
    super(
      "conflict",
      "Someone else changed this company profile since you opened it. Reload the page to see their changes; nothing was saved here.",
    );
    this.name = "ProfileChanged";
  }
}

type Db = Awaited<ReturnType<typeof db>>;

/** The user's roles in a company (non-personal) organization, or null when not a member. */
async function companyRoles(prisma: Db, user: SessionUser, organizationId: string) {
  const membership = await prisma.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: user.id } },
    select: {
      roles: true,
      organization: { select: { id: true, name: true, personal: true, approvalRequired: true } },
    },
  });
  if (!membership || membership.organization.personal) return null;
  return { roles: membership.roles as OrgRole[], organization: membership.organization };
}

export interface ValidationRecord {
  orderId: string;
  externalOrderNumber: string;
  validatedAt: Date;
  values: Record<string, unknown>;
}

async function validations(prisma: Db, organizationId: string, take: number): Promise<ValidationRecord[]> {
  const rows = await prisma.organizationValidation.findMany({
    where: { organizationId },
    orderBy: [{ validatedAt: "desc" }, { orderId: "desc" }],
    take,
    select: {
      orderId: true,
      validatedAt: true,
      values: true,
      order: { select: { externalOrderNumber: true } },
    },
  });
  return rows.map((r) => ({
    orderId: r.orderId,
    externalOrderNumber: r.order.externalOrderNumber,
    validatedAt: r.validatedAt,
    values: (r.values ?? {}) as Record<string, unknown>,
  }));
}

/** The profile page's data for a member (any role); null for anyone else. */
export async function getProfileForMember(user: SessionUser, organizationId: string) {
  const prisma = await db();
  const member = await companyRoles(prisma, user, organizationId);
  if (!member) return null;
  const profile = await prisma.organizationProfile.findUnique({
    where: { organizationId },
    select: { values: true, version: true, updatedAt: true },
  });
  return {
    organization: { id: member.organization.id, name: member.organization.name },
    canEdit: rolesCan(member.roles, "manage"),
    values: storedProfileValues(profile?.values),
    version: profile?.version ?? 0,
    updatedAt: profile?.updatedAt ?? null,
    validations: await validations(prisma, organizationId, 20),
  };
}

/**
 * Replaces the profile's values, only at the version the editor saw (0: no profile yet). A
 * member without "manage" is refused; a non-member is told the organization does not exist.
 */
export async function updateProfile(
  user: SessionUser,
  organizationId: string,
  version: number,
  values: ProfileValues,
): Promise<{ version: number }> {
  const prisma = await db();
  const member = await companyRoles(prisma, user, organizationId);
  if (!member) throw new OrganizationNotFound();
  if (!rolesCan(member.roles, "manage"))
    throw new Refusal("forbidden", "Only an owner of the organization can change its company profile.");
  try {
    return await prisma.$transaction(async (tx) => {
      const json = values as Prisma.InputJsonValue;
      if (version === 0) {
        // The first save creates the row; a second first save (another owner) hits the key.
        await tx.organizationProfile.create({ data: { organizationId, values: json, version: 1 } });
      } else {
        const updated = await tx.organizationProfile.updateMany({
          where: { organizationId, version },
          data: { values: json, version: { increment: 1 } },
        });
        if (updated.count !== 1) throw new ProfileChanged();
      }
      await recordAudit(tx, {
        actorId: user.id,
        action: "organization.profile_updated",
        details: { organizationId, version: version + 1, fields: Object.keys(values) },
      });
      return { version: version + 1 };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new ProfileChanged();
    throw error;
  }
}

/**
 * What the wizard needs of the organization an order is for: its profile and what Sectigo last
 * validated. Null for a personal organization or a user who may not `capability` there.
 */
export async function getOrderProfileContext(
  user: SessionUser,
  organizationId: string,
  capability: OrgCapability = "request",
): Promise<OrderOrganization | null> {
  const prisma = await db();
  const member = await companyRoles(prisma, user, organizationId);
  if (!member || !rolesCan(member.roles, capability)) return null;
  const profile = await prisma.organizationProfile.findUnique({
    where: { organizationId },
    select: { values: true },
  });
  const [last] = await validations(prisma, organizationId, 1);
  return {
    id: member.organization.id,
    name: member.organization.name,
    approvalRequired: member.organization.approvalRequired,
    profile: storedProfileValues(profile?.values),
    lastValidation: last
      ? {
          externalOrderNumber: last.externalOrderNumber,
          validatedAt: last.validatedAt.toISOString(),
          values: last.values,
        }
      : null,
  };
}
