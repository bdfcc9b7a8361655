import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { acceptInvitation, getInvitationByToken } from "@/lib/organizations/accept-invitation";
import { createOrganization, renameOrganization } from "@/lib/organizations/create-organization";
import {
  INVITATION_LIFETIME_MS,
  inviteMember,
  resendInvitation,
  revokeInvitation,
} from "@/lib/organizations/invitations";
import { changeMemberRoles, leaveOrganization, removeMember } from "@/lib/organizations/members";
import { getOrganizationForMember, listOrganizationsForUser } from "@/lib/organizations/queries";
import type { SessionUser } from "@/lib/users/data";
import { newUser, startTestbed, type Testbed } from "./order-harness";
import { outcomeOf } from "./organization-fixture";

// Organizations and their members against a real PostgreSQL: creating, inviting, accepting (and
// the hostile ways to use an invitation link), roles, removal, the last owner, and the audit.
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

let bed: Testbed;
let prisma: PrismaClient;
let owner: SessionUser;
let orgId: string;

beforeAll(async () => {
  bed = await startTestbed("org_members");
  prisma = await db();
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  owner = await newUser("CUSTOMER");
  orgId = (await createOrganization(owner, "Acme GmbH")).id;
});

const membership = (userId: string) =>
  prisma.membership.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId } } });
const audit = (action: string) =>
  prisma.auditEvent.findMany({
    where: { action },
    select: { actorId: true, targetUserId: true, details: true },
  });
const mailsTo = (to: string) =>
  prisma.mailOutbox.findMany({ where: { recipient: to, template: "organization-invitation" } });

describe("creating an organization", () => {
  test("the creator becomes owner, requester and approver; it is listed and audited; a rename is audited", async () => {
    expect((await membership(owner.id))?.roles).toEqual(["OWNER", "REQUESTER", "APPROVER"]);
    expect(await listOrganizationsForUser(owner)).toEqual([
      { id: orgId, name: "Acme GmbH", members: 1, roles: ["OWNER", "REQUESTER", "APPROVER"] },
    ]);
    await renameOrganization(owner, orgId, "Acme Europe GmbH");
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: orgId } })).name).toBe(
      "Acme Europe GmbH",
    );
    expect(await audit("organization.created")).toHaveLength(1);
    expect((await audit("organization.renamed"))[0]?.details).toMatchObject({
      from: "Acme GmbH",
      to: "Acme Europe GmbH",
    });
  });

  test("staff cannot create one, and a non-owner cannot rename it", async () => {
    expect(await outcomeOf(() => createOrganization({ ...owner, role: "SUPPORT" }, "X"))).toBe("forbidden");
    const stranger = await newUser("CUSTOMER");
    expect(await outcomeOf(() => renameOrganization(stranger, orgId, "Mine now"))).toBe("not_found");
    expect(await outcomeOf(() => renameOrganization(stranger, stranger.id, "Personal"))).toBe("not_found");
  });
});

describe("invitations", () => {
  test("invite, mail, accept with the invited address: the member joins with the roles", async () => {
    const invitee = await newUser("CUSTOMER");
    const { token } = await inviteMember(owner, orgId, invitee.email, ["REQUESTER"]);
    const [mail] = await mailsTo(invitee.email);
    expect(JSON.stringify(mail?.data)).toContain(`/invitation?token=${token}`);
    const row = await prisma.invitation.findFirstOrThrow({ where: { organizationId: orgId } });
    // Only the hash is stored, and it works for 7 days.
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(INVITATION_LIFETIME_MS);
    expect(await getInvitationByToken(token)).toMatchObject({ organizationName: "Acme GmbH", state: "open" });
    await acceptInvitation(invitee, token);
    expect((await membership(invitee.id))?.roles).toEqual(["REQUESTER"]);
    expect(await audit("organization.member_invited")).toHaveLength(1);
    expect(await audit("organization.member_joined")).toMatchObject([{ actorId: invitee.id }]);
    const view = await getOrganizationForMember(owner, orgId);
    expect(view?.members.map((m) => m.email)).toEqual([owner.email, invitee.email]);
    expect(view?.invitations).toEqual([]);
  });

  test("hostile links: reused, expired, for another address, truncated, revoked, replaced by a resend", async () => {
    const invitee = await newUser("CUSTOMER");
    const other = await newUser("CUSTOMER");
    const { id, token } = await inviteMember(owner, orgId, invitee.email, ["VIEWER"]);
    // Another signed-in account is told whose link it is, and nothing changes.
    expect(await outcomeOf(() => acceptInvitation(other, token))).toBe("forbidden");
    await expect(acceptInvitation(other, token)).rejects.toThrow(new RegExp(`for ${invitee.email}`));
    expect(await membership(other.id)).toBeNull();
    // A truncated or altered token matches nothing.
    expect(await outcomeOf(() => acceptInvitation(invitee, token.slice(0, -1)))).toBe("not_found");
    expect(await outcomeOf(() => acceptInvitation(invitee, `${token.slice(0, -1)}A`))).toBe("not_found");
    expect(await outcomeOf(() => acceptInvitation(invitee, ""))).toBe("not_found");
    // Expired.
    const later = new Date(Date.now() + INVITATION_LIFETIME_MS + 1000);
    expect(await outcomeOf(() => acceptInvitation(invitee, token, later))).toBe("not_allowed");
    // A resend replaces the link: the old one stops working, the new one works once.
    const { token: fresh } = await resendInvitation(owner, orgId, id);
    expect(await outcomeOf(() => acceptInvitation(invitee, token))).toBe("not_found");
    expect(await mailsTo(invitee.email)).toHaveLength(2);
    // Two tabs accepting at once: one joins, the other is told the link was used.
    const both = await Promise.all([
      outcomeOf(() => acceptInvitation(invitee, fresh)),
      outcomeOf(() => acceptInvitation(invitee, fresh)),
    ]);
    expect(both.sort()).toEqual(["not_allowed", "ok"]);
    expect(await outcomeOf(() => acceptInvitation(invitee, fresh))).toBe("not_allowed");
    expect(await prisma.membership.count({ where: { organizationId: orgId } })).toBe(2);
    // Revoked.
    const third = await newUser("CUSTOMER");
    const revoked = await inviteMember(owner, orgId, third.email, ["VIEWER"]);
    await revokeInvitation(owner, orgId, revoked.id);
    expect(await outcomeOf(() => acceptInvitation(third, revoked.token))).toBe("not_allowed");
    expect(await membership(third.id)).toBeNull();
    expect(await audit("organization.invitation_revoked")).toHaveLength(1);
  });

  test("one live invitation per address; members are not invited; only owners invite", async () => {
    const invitee = await newUser("CUSTOMER");
    const a = await inviteMember(owner, orgId, invitee.email, ["VIEWER"]);
    const b = await inviteMember(owner, orgId, invitee.email, ["REQUESTER"]);
    expect(b.id).toBe(a.id);
    expect(await outcomeOf(() => acceptInvitation(invitee, a.token))).toBe("not_found");
    await acceptInvitation(invitee, b.token);
    expect((await membership(invitee.id))?.roles).toEqual(["REQUESTER"]);
    expect(await outcomeOf(() => inviteMember(owner, orgId, invitee.email, ["VIEWER"]))).toBe("conflict");
    expect(await outcomeOf(() => inviteMember(invitee, orgId, "someone@example.com", ["OWNER"]))).toBe(
      "forbidden",
    );
    expect(await outcomeOf(() => inviteMember(owner, owner.id, "someone@example.com", ["VIEWER"]))).toBe(
      "not_found",
    );
    expect(await prisma.invitation.count({ where: { email: "someone@example.com" } })).toBe(0);
  });
});

describe("roles and removal", () => {
  async function join(roles: Parameters<typeof inviteMember>[3]) {
    const user = await newUser("CUSTOMER");
    const { token } = await inviteMember(owner, orgId, user.email, roles);
    await acceptInvitation(user, token);
    return user;
  }

  test("the last owner can be neither demoted, removed nor leave", async () => {
    const member = await join(["VIEWER"]);
    expect(await outcomeOf(() => changeMemberRoles(owner, orgId, owner.id, ["REQUESTER"]))).toBe(
      "not_allowed",
    );
    expect(await outcomeOf(() => removeMember(owner, orgId, owner.id))).toBe("not_allowed");
    expect(await outcomeOf(() => leaveOrganization(owner, orgId))).toBe("not_allowed");
    expect((await membership(owner.id))?.roles).toContain("OWNER");
    // A viewer may not change roles, and may leave.
    expect(await outcomeOf(() => changeMemberRoles(member, orgId, member.id, ["OWNER"]))).toBe("forbidden");
    await leaveOrganization(member, orgId);
    expect(await membership(member.id)).toBeNull();
    expect(await audit("organization.member_left")).toHaveLength(1);
  });

  test("two owners demoting each other at once leave one owner", async () => {
    const second = await join(["OWNER"]);
    const results = await Promise.all([
      outcomeOf(() => changeMemberRoles(owner, orgId, second.id, ["VIEWER"]).then(() => true)),
      outcomeOf(() => changeMemberRoles(second, orgId, owner.id, ["VIEWER"]).then(() => true)),
    ]);
    // The one that ran second was no longer an owner: refused, never zero owners.
    expect(results.sort()).toEqual(["forbidden", "ok"]);
    const owners = await prisma.membership.count({
      where: { organizationId: orgId, roles: { has: "OWNER" } },
    });
    expect(owners).toBe(1);
  });

  test("the database keeps an owner even when the application check is bypassed", async () => {
    await expect(
      prisma.membership.update({
        where: { organizationId_userId: { organizationId: orgId, userId: owner.id } },
        data: { roles: ["VIEWER"] },
      }),
    ).rejects.toThrow(/at least one owner/);
  });

  test("an owner changes roles and removes a member; both are audited", async () => {
    const member = await join(["VIEWER"]);
    await changeMemberRoles(owner, orgId, member.id, ["REQUESTER", "APPROVER"]);
    expect((await membership(member.id))?.roles).toEqual(["REQUESTER", "APPROVER"]);
    await removeMember(owner, orgId, member.id);
    expect(await membership(member.id)).toBeNull();
    expect(await getOrganizationForMember(member, orgId)).toBeNull();
    expect(await audit("organization.member_roles_changed")).toMatchObject([{ targetUserId: member.id }]);
    expect(await audit("organization.member_removed")).toMatchObject([{ targetUserId: member.id }]);
  });
});
