import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TextField } from "@/components/ui/field";
import { requireUser } from "@/lib/auth/guards";
import { getOrganizationForMember } from "@/lib/organizations/queries";
import { ROLE_WORDS } from "@/lib/organizations/schemas";
import { ActionForm } from "../_components/action-form";
import { RoleCheckboxes } from "../_components/role-checkboxes";
import { InvitationList } from "./invitation-list";
import { MemberRow } from "./member-row";
import { inviteMemberAction, leaveOrganizationAction, renameOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const org = await getOrganizationForMember(user, id);
  if (!org) notFound();
  const hidden = <input type="hidden" name="organizationId" value={org.id} />;
  return (
    <>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        <ul className="mt-2 space-y-2">
          {org.members.map((member) => (
            <MemberRow
              key={member.id}
              organizationId={org.id}
              member={member}
              isSelf={member.id === user.id}
              manages={org.manages}
            />
          ))}
        </ul>
      </section>

      {org.manages ? (
        <>
          <section aria-labelledby="invite-heading" className="mt-6 max-w-xl">
            <h2 id="invite-heading" className="text-lg font-semibold">
              Invite a colleague
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              They get an e-mail with a link that works once, for 7 days, for that address only.
            </p>
            <ActionForm action={inviteMemberAction} label="Invite a colleague" submitLabel="Send invitation">
              {hidden}
              <TextField
                id="invite-email"
                name="email"
                type="email"
                label="E-mail address"
                required
                maxLength={254}
              />
              <RoleCheckboxes idPrefix="invite" checked={["REQUESTER"]} />
            </ActionForm>
          </section>
          <InvitationList organizationId={org.id} invitations={org.invitations} />
          <section aria-labelledby="rename-heading" className="mt-6 max-w-md">
            <h2 id="rename-heading" className="text-lg font-semibold">
              Name
            </h2>
            <ActionForm
              action={renameOrganizationAction}
              label="Rename the organization"
              submitLabel="Save name"
            >
              {hidden}
              <TextField
                id="org-name"
                name="name"
                label="Organization name"
                defaultValue={org.name}
                required
                maxLength={200}
              />
            </ActionForm>
          </section>
        </>
      ) : (
        <p className="mt-4 text-sm text-slate-700">
          Your roles: {org.myRoles.map((r) => ROLE_WORDS[r].label).join(", ")}. An owner manages the members.
        </p>
      )}

      <section aria-labelledby="leave-heading" className="mt-6">
        <h2 id="leave-heading" className="text-lg font-semibold">
          Leave
        </h2>
        <ActionForm
          action={leaveOrganizationAction}
          label="Leave the organization"
          submitLabel="Leave this organization"
          variant="secondary"
          confirm={`Leave ${org.name}? You will no longer see its orders.`}
        >
          {hidden}
        </ActionForm>
      </section>
    </>
  );
}
