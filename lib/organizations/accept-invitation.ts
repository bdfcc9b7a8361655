import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import { lockOrganization } from "@/lib/organizations/access";
import { ORG_ROLES } from "@/lib/organizations/schemas";
import { hashToken } from "@/lib/users/tokens";
import type { SessionUser } from "@/lib/users/data";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type InvitationState = "open" | "used" | "withdrawn" | "expired";

/** What the invitation page shows before anyone accepts; null for a link that matches nothing. */
export async function getInvitationByToken(token: unknown, now = new Date()) {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return null;
  const prisma = await db();
  const row = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      email: true,
      roles: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      organization: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!row) return null;
  const state: InvitationState = row.acceptedAt
    ? "used"
    : row.revokedAt
      ? "withdrawn"
      : row.expiresAt <= now
        ? "expired"
        : "open";
  return {
    email: row.email,
    roles: row.roles,
    organizationName: row.organization.name,
    inviterName: row.invitedBy?.name ?? null,
    state,
  };
}

export const INVITATION_REFUSALS: Record<Exclude<InvitationState, "open"> | "invalid", string> = {
  invalid: "This invitation link is not valid. Check that you opened the whole link, or ask for a new one.",
  used: "This invitation has already been accepted. Each link works once.",
  withdrawn: "This invitation was withdrawn by the organization.",
  expired: "This invitation has expired. Ask the organization's owner to send it again.",
};

/**
 * Accepts an invitation for the signed-in user, who must be signed in with the invited address.
 * The token is used up by one conditional write, so two clicks (or two tabs) join once.
 */
export async function acceptInvitation(user: SessionUser, token: unknown, now = new Date()) {
  const invitation = await getInvitationByToken(token, now);
  if (!invitation) throw new Refusal("not_found", INVITATION_REFUSALS.invalid);
  if (invitation.state !== "open") throw new Refusal("not_allowed", INVITATION_REFUSALS[invitation.state]);
  if (invitation.email !== user.email.toLowerCase())
    throw new Refusal(
      "forbidden",
      `This invitation is for ${invitation.email}, but you are signed in as ${user.email}. Sign out, then sign in or sign up with ${invitation.email} and open the link again.`,
    );
  if (user.role !== "CUSTOMER")
    throw new Refusal("forbidden", "Support and admin accounts cannot join a customer's organization.");
  const tokenHash = hashToken(token as string);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const row = await tx.invitation.findUnique({
      where: { tokenHash },
      select: { id: true, organizationId: true, roles: true },
    });
    if (!row) throw new Refusal("not_found", INVITATION_REFUSALS.invalid);
    await lockOrganization(tx, row.organizationId);
    const { count } = await tx.invitation.updateMany({
      where: { id: row.id, tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count !== 1) throw new Refusal("not_allowed", INVITATION_REFUSALS.used);
    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: row.organizationId, userId: user.id } },
      select: { roles: true },
    });
    // Someone who is already a member keeps their roles and gains the invited ones.
    const roles = ORG_ROLES.filter((r) => row.roles.includes(r) || existing?.roles.includes(r));
    await tx.membership.upsert({
      where: { organizationId_userId: { organizationId: row.organizationId, userId: user.id } },
      create: { organizationId: row.organizationId, userId: user.id, roles },
      update: { roles },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.member_joined",
      targetUserId: user.id,
      details: { organizationId: row.organizationId, invitationId: row.id, roles },
    });
    return { organizationId: row.organizationId };
  });
}
