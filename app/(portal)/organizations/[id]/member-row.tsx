import type { OrgRole } from "@/lib/generated/prisma/enums";
import { ROLE_WORDS } from "@/lib/organizations/schemas";
import { ActionForm } from "../_components/action-form";
import { RoleCheckboxes } from "../_components/role-checkboxes";
import { changeMemberRolesAction, removeMemberAction } from "./actions";

/** One member with their roles; an owner may change the roles or remove them. */
export function MemberRow({
  organizationId,
  member,
  isSelf,
  manages,
}: {
  organizationId: string;
  member: { id: string; name: string; email: string; roles: OrgRole[] };
  isSelf: boolean;
  manages: boolean;
}) {
  const hidden = (
    <>
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="userId" value={member.id} />
    </>
  );
  return (
    <li className="rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid="member">
      <p>
        <span className="font-semibold">{member.name}</span>
        {isSelf ? " (you)" : ""} · <span className="break-all">{member.email}</span>
      </p>
      <p className="text-slate-700">{member.roles.map((r) => ROLE_WORDS[r].label).join(", ")}</p>
      {manages ? (
        <details className="mt-2">
          <summary className="cursor-pointer font-semibold">Change roles or remove {member.name}</summary>
          <ActionForm
            action={changeMemberRolesAction}
            label={`Roles of ${member.name}`}
            submitLabel="Save roles"
          >
            {hidden}
            <RoleCheckboxes
              idPrefix={`roles-${member.id}`}
              checked={member.roles}
              legend={`Roles of ${member.name}`}
            />
          </ActionForm>
          {isSelf ? null : (
            <ActionForm
              action={removeMemberAction}
              label={`Remove ${member.name}`}
              submitLabel={`Remove ${member.name}`}
              variant="danger"
              confirm={`Remove ${member.name}? They lose access to the organization's orders at once.`}
            >
              {hidden}
            </ActionForm>
          )}
        </details>
      ) : null}
    </li>
  );
}
