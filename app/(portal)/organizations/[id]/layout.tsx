import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { rolesCan } from "@/lib/organizations/permissions";
import { getOrganizationForMember } from "@/lib/organizations/queries";
import { organizationIdSchema } from "@/lib/organizations/schemas";
import { ORGANIZATION_TABS } from "./tabs";
import { TabNav } from "./tab-nav";

// Members only: anyone else (a removed member included) gets the same "not found" as for an
// organization that does not exist. Each tab's page checks again for itself.
export default async function OrganizationLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: React.ReactNode;
}) {
  const user = await requireUser();
  const { id } = await params;
  if (!organizationIdSchema.safeParse(id).success) notFound();
  const org = await getOrganizationForMember(user, id);
  if (!org) notFound();
  const tabs = ORGANIZATION_TABS.filter((t) => !t.capability || rolesCan(org.myRoles, t.capability)).map(
    (t) => ({ href: `/organizations/${org.id}${t.path}`, label: t.label }),
  );
  return (
    <>
      <p className="text-sm">
        <Link href="/organizations" className="text-brand-700 underline">
          ← Organizations
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{org.name}</h1>
      <TabNav tabs={tabs} />
      <div className="mt-4">{children}</div>
    </>
  );
}
