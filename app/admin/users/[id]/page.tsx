import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { listAuditEvents } from "@/lib/audit/queries";
import { getUserForAdmin } from "@/lib/users/admin";
import { AuditTable } from "../../audit/audit-table";
import { roleLabel } from "../roles";
import { RoleForm } from "./role-form";
import { StatusForm } from "./status-form";
import { ResetSecondFactorsForm } from "./reset-second-factors-form";

export const metadata: Metadata = { title: "Manage user" };

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export default async function ManageUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const admin = await requireRole("ADMIN");
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const user = await getUserForAdmin(admin, id);
  if (!user) notFound();
  const history = await listAuditEvents(admin, { targetUserId: user.id }, {}, 20);
  const self = user.id === admin.id;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/users" className="text-brand-700 underline">
          ← Users
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold break-words">{user.name}</h1>
      {created ? (
        <p role="status" className="mb-3 rounded-md bg-green-50 p-3 text-sm text-green-900">
          Account created for {user.email}.
        </p>
      ) : null}
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-slate-600">E-mail</dt>
        <dd className="break-all">{user.email}</dd>
        <dt className="font-medium text-slate-600">Role</dt>
        <dd>{roleLabel(user.role)}</dd>
        <dt className="font-medium text-slate-600">Status</dt>
        <dd>{user.disabled ? "Disabled" : "Enabled"}</dd>
        <dt className="font-medium text-slate-600">Created</dt>
        <dd>{dateFormat.format(user.createdAt)} UTC</dd>
        <dt className="font-medium text-slate-600">Orders</dt>
        <dd>{user.orderCount}</dd>
      </dl>
      {self ? (
        <p className="bg-brand-50 mb-6 rounded-md p-3 text-sm">
          This is your own account. You cannot remove your administrator role or disable yourself; ask another
          administrator.
        </p>
      ) : (
        <div className="mb-8 grid gap-8 md:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <RoleForm userId={user.id} currentRole={user.role} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <StatusForm userId={user.id} disabled={user.disabled} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <ResetSecondFactorsForm userId={user.id} />
          </section>
        </div>
      )}
      <h2 className="mb-2 text-lg font-semibold">Recent changes to this account</h2>
      {history.rows.length === 0 ? (
        <p className="text-sm text-slate-600">None recorded.</p>
      ) : (
        <AuditTable rows={history.rows} caption={`Recent audit events about ${user.email}`} />
      )}
      <p className="mt-2 text-sm">
        <Link href="/admin/audit" className="text-brand-700 underline">
          Full audit log
        </Link>
      </p>
    </>
  );
}
