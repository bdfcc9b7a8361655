import { AppHeader } from "@/components/layout/app-header";
import { IncidentBanner } from "@/components/layout/incident-banner";
import { signOutAction } from "@/app/sign-out-action";
import { requireUser } from "@/lib/auth/guards";
import { isApproverOfAnyOrganization } from "@/lib/orders/approval/queries";
import { belongsToCompany } from "@/lib/organizations/queries";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // Only approvers of a real organization see the queue: a person ordering alone never does.
  const approver = await isApproverOfAnyOrganization(user);
  return (
    <>
      <AppHeader
        user={user}
        signOutAction={signOutAction}
        inCompany={await belongsToCompany(user)}
        extraLinks={approver ? [{ href: "/approvals", label: "Approvals" }] : []}
      />
      <IncidentBanner user={user} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
