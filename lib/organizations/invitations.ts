import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { portalUrl } from "@/lib/mail/config";
import { queueMail } from "@/lib/mail/outbox";
import { requireMember } from "@/lib/organizations/access";
import { ROLE_WORDS } from "@/lib/organizations/schemas";
import { hashToken, newToken } from "@/lib/users/tokens";
import type { SessionUser } from "@/lib/users/data";

// Invitations by e-mail. The link carries 32 random bytes; the row keeps only their SHA-256. One
// row per (organization, address): inviting again or resending gives it a new token and expiry,
// so only the newest link works. A link works once, for 7 days, for the invited address only.

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const invitationLink = (token: string) => `${portalUrl()}/invitation?token=${token}`;

const rolesInWords = (roles: readonly OrgRole[]) =>
  roles.map((r) => ROLE_WORDS[r].label.toLowerCase()).join(", ");

/** Gives the invitation a fresh token and expiry and mails the link, in the caller's transaction. */
async function issueAndMail(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  invitation: { id: string; email: string; roles: OrgRole[] },
  organizationName: string,
  now: Date,
) {
  const token = newToken();
  const tokenHash = hashToken(token);
  await tx.invitation.update({
    where: { id: invitation.id },
    data: { tokenHash, expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS), invitedById: user.id },
  });
  await queueMail(tx, {
    to: invitation.email,
    template: "organization-invitation",
    data: {
      inviterName: user.name,
      organizationName,
      roles: rolesInWords(invitation.roles),
      link: invitationLink(token),
      validFor: "7 days",
    },
    // One mail per token: a resend is a new mail.
    dedupeKey: `organization-invitation:${invitation.id}:${tokenHash.slice(0, 16)}`,
  });
  return token;
}

/** Invites an address into the organization with the given roles (owners only). */
export async function inviteMember(
  user: SessionUser,
  organizationId: string,
  email: string,
  roles: OrgRole[],
  now = new Date(),
): Promise<{ id: string; token: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { name } = await requireMember(tx, user, organizationId, "manage");
    const member = await tx.membership.findFirst({
      where: { organizationId, user: { email } },
      select: { userId: true },
    });
    if (member) {
      const message = "This person is already a member: change their roles in the list instead.";
      throw new Refusal("conflict", message, { email: [message] });
    }
    // The column is unique and required: until issueAndMail stores the mailed token's hash, the row
    // holds the hash of a token nobody was given, so no link can match it.
    const unheldHash = hashToken(newToken());
    const invitation = await tx.invitation.upsert({
      where: { organizationId_email: { organizationId, email } },
      create: { organizationId, email, roles, tokenHash: unheldHash, expiresAt: now, createdAt: now },
      update: { roles, tokenHash: unheldHash, createdAt: now, acceptedAt: null, revokedAt: null },
      select: { id: true, email: true, roles: true },
    });
    const token = await issueAndMail(tx, user, invitation, name, now);
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.member_invited",
      details: { organizationId, invitationId: invitation.id, email, roles },
    });
    return { id: invitation.id, token };
  });
}

async function openInvitation(tx: Prisma.TransactionClient, organizationId: string, invitationId: string) {
  const invitation = await tx.invitation.findFirst({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, roles: true },
  });
  if (!invitation) throw new Refusal("not_found", "This invitation was already accepted or withdrawn.");
  return invitation;
}

/** Sends an open invitation again with a new link; the old link stops working (owners only). */
export async function resendInvitation(user: SessionUser, organizationId: string, invitationId: string) {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { name } = await requireMember(tx, user, organizationId, "manage");
    const invitation = await openInvitation(tx, organizationId, invitationId);
    const token = await issueAndMail(tx, user, invitation, name, new Date());
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.invitation_resent",
      details: { organizationId, invitationId, email: invitation.email },
    });
    return { token };
  });
}

/** Withdraws an open invitation: its link stops working (owners only). */
export async function revokeInvitation(user: SessionUser, organizationId: string, invitationId: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, organizationId, "manage");
    const invitation = await openInvitation(tx, organizationId, invitationId);
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.invitation_revoked",
      details: { organizationId, invitationId, email: invitation.email },
    });
  });
}
