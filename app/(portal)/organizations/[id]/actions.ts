"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions";
import { renameOrganization } from "@/lib/organizations/create-organization";
import { inviteMember, resendInvitation, revokeInvitation } from "@/lib/organizations/invitations";
import { changeMemberRoles, leaveOrganization, removeMember } from "@/lib/organizations/members";
import {
  invitationIdSchema,
  inviteSchema,
  leaveSchema,
  memberRolesSchema,
  memberSchema,
  renameOrganizationSchema,
} from "@/lib/organizations/schemas";

// Every action checks again, in its transaction, that the caller may manage the organization
// (lib/organizations/access.ts): a server action is reachable by a plain POST.

const refresh = (organizationId: string) => revalidatePath(`/organizations/${organizationId}`, "layout");

export const renameOrganizationAction = guardedAction(
  { schema: renameOrganizationSchema },
  async (user, { organizationId, name }) => {
    await renameOrganization(user, organizationId, name);
    refresh(organizationId);
    return { ok: true, message: "Name saved." };
  },
);

export const inviteMemberAction = guardedAction({ schema: inviteSchema }, async (user, input) => {
  await inviteMember(user, input.organizationId, input.email, input.roles);
  refresh(input.organizationId);
  return { ok: true, message: `Invitation sent to ${input.email}.` };
});

export const resendInvitationAction = guardedAction(
  { schema: invitationIdSchema },
  async (user, { organizationId, invitationId }) => {
    await resendInvitation(user, organizationId, invitationId);
    refresh(organizationId);
    return { ok: true, message: "Invitation sent again; the earlier link no longer works." };
  },
);

export const revokeInvitationAction = guardedAction(
  { schema: invitationIdSchema },
  async (user, { organizationId, invitationId }) => {
    await revokeInvitation(user, organizationId, invitationId);
    refresh(organizationId);
    return { ok: true, message: "Invitation withdrawn." };
  },
);

export const changeMemberRolesAction = guardedAction(
  { schema: memberRolesSchema },
  async (user, { organizationId, userId, roles }) => {
    await changeMemberRoles(user, organizationId, userId, roles);
    refresh(organizationId);
    return { ok: true, message: "Roles saved." };
  },
);

export const removeMemberAction = guardedAction(
  { schema: memberSchema },
  async (user, { organizationId, userId }) => {
    await removeMember(user, organizationId, userId);
    refresh(organizationId);
    return { ok: true, message: "Member removed." };
  },
);

export const leaveOrganizationAction = guardedAction(
  { schema: leaveSchema },
  async (user, { organizationId }) => {
    await leaveOrganization(user, organizationId);
    revalidatePath("/", "layout");
    redirect("/organizations?left=1");
  },
);
