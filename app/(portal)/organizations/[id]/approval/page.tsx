import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { getApprovalSettings } from "@/lib/organizations/approval-settings";
import { ApprovalSettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Approval settings" };

/** The organization's approval switches, for members who manage it (others: not found). */
export default async function ApprovalSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const settings = await getApprovalSettings(user, id);
  if (!settings) notFound();
  return (
    <>
      <h2 className="text-lg font-semibold">Approval</h2>
      <p className="mt-1 text-sm text-slate-700">
        Who must agree before an order in the organization&apos;s name is sent to Sectigo. Changes are kept in
        the audit log.
      </p>
      <ApprovalSettingsForm
        organizationId={settings.id}
        approvalRequired={settings.approvalRequired}
        selfApprovalAllowed={settings.selfApprovalAllowed}
      />
    </>
  );
}
