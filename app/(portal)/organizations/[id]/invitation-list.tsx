import type { OrgRole } from "@/lib/generated/prisma/enums";
import { ROLE_WORDS } from "@/lib/organizations/schemas";
import { ActionForm } from "../_components/action-form";
import { resendInvitationAction, revokeInvitationAction } from "./actions";

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** The open invitations, each with "send again" and "withdraw" (owners only). */
export function InvitationList({
  organizationId,
  invitations,
}: {
  organizationId: string;
  invitations: { id: string; email: string; roles: OrgRole[]; expiresAt: Date; expired: boolean }[];
}) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" className="mt-6">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Open invitations
      </h2>
      <ul className="mt-2 space-y-2">
        {invitations.map((inv) => {
          const hidden = (
            <>
              <input type="hidden" name="organizationId" value={organizationId} />
              <input type="hidden" name="invitationId" value={inv.id} />
            </>
          );
          return (
            <li key={inv.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
              <p>
                <span className="font-semibold break-all">{inv.email}</span> ·{" "}
                {inv.roles.map((r) => ROLE_WORDS[r].label).join(", ")} ·{" "}
                {inv.expired ? "expired" : `valid until ${day.format(inv.expiresAt)}`}
              </p>
              <div className="flex flex-wrap gap-3">
                <ActionForm
                  action={resendInvitationAction}
                  label={`Send the invitation to ${inv.email} again`}
                  submitLabel="Send again"
                  variant="secondary"
                >
                  {hidden}
                </ActionForm>
                <ActionForm
                  action={revokeInvitationAction}
                  label={`Withdraw the invitation to ${inv.email}`}
                  submitLabel="Withdraw"
                  variant="secondary"
                >
                  {hidden}
                </ActionForm>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
