import type { Metadata } from "next";
import Link from "next/link";
import { TextField } from "@/components/ui/field";
import { requireUser } from "@/lib/auth/guards";
import { listOrganizationsForUser } from "@/lib/organizations/queries";
import { ROLE_WORDS } from "@/lib/organizations/schemas";
import { ActionForm } from "./_components/action-form";
import { createOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage({
  searchParams,
}: {
  searchParams: Promise<{ left?: string }>;
}) {
  const user = await requireUser();
  const { left } = await searchParams;
  const organizations = await listOrganizationsForUser(user);
  return (
    <>
      <h1 className="text-2xl font-bold">Organizations</h1>
      {left ? (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-sm text-green-900">
          You left the organization.
        </p>
      ) : null}
      <section aria-labelledby="yours-heading" className="mt-4">
        <h2 id="yours-heading" className="text-lg font-semibold">
          Your organizations
        </h2>
        {organizations.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">
            You order for yourself. A company can share its orders among colleagues: create an organization
            and invite them.
          </p>
        ) : (
          <ul className="mt-2 space-y-2">
            {organizations.map((org) => (
              <li key={org.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <Link href={`/organizations/${org.id}`} className="text-brand-700 font-semibold underline">
                  {org.name}
                </Link>
                <p className="text-slate-700">
                  Your roles: {org.roles.map((r) => ROLE_WORDS[r].label).join(", ")} · {org.members}{" "}
                  {org.members === 1 ? "member" : "members"}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {user.role === "CUSTOMER" ? (
        <section aria-labelledby="create-heading" className="mt-6 max-w-md">
          <h2 id="create-heading" className="text-lg font-semibold">
            Create an organization
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            You become its owner, and may order and approve for it until you hand these roles to colleagues.
          </p>
          <ActionForm action={createOrganizationAction} label="Create an organization" submitLabel="Create">
            <TextField id="org-name" name="name" label="Organization name" required maxLength={200} />
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}
