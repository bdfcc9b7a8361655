import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { isDemoMail } from "@/lib/mail/config";
import { listUsers } from "@/lib/users/admin";
import { Pager } from "@/components/ui/pager";
import { userListFiltersSchema } from "./schemas";
import { UserFilters } from "./user-filters";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole("ADMIN");
  const params = await searchParams;
  const filters = userListFiltersSchema.parse(params);
  const page = await listUsers(
    admin,
    { query: filters.q, role: filters.role, status: filters.status },
    { after: one(params.after), before: one(params.before) },
  );
  const filtered = Boolean(filters.q || filters.role || filters.status);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Users</h1>
        <div className="flex flex-wrap items-center gap-4">
          <Link href="/admin/audit" className="text-brand-700 text-sm underline">
            Audit log
          </Link>
          {isDemoMail() ? (
            <Link href="/admin/mail" className="text-brand-700 text-sm underline">
              Demo mail
            </Link>
          ) : null}
          <Link
            href="/admin/users/new"
            className="bg-brand-600 hover:bg-brand-700 inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-semibold text-white"
          >
            Create account
          </Link>
        </div>
      </div>
      <UserFilters q={filters.q} role={filters.role} status={filters.status} />
      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          {filtered ? "No users match these filters." : "No users yet."}
        </p>
      ) : (
        <UsersTable
          rows={page.rows}
          caption={filtered ? "Users matching the filters, newest first" : "All users, newest first"}
        />
      )}
      <Pager
        basePath="/admin/users"
        params={filters}
        after={page.after}
        before={page.before}
        label="User list pages"
      />
    </>
  );
}
