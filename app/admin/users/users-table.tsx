import Link from "next/link";
import type { AdminUserRow } from "@/lib/users/admin";
import { roleLabel } from "./roles";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function UsersTable({ rows, caption }: { rows: AdminUserRow[]; caption: string }) {
  return (
    // Focusable so keyboard users can scroll the table sideways on a narrow screen.
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              E-mail
            </th>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              Role
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              Created (UTC)
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Orders
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((user) => (
            <tr key={user.id}>
              <th scope="row" className="px-3 py-2 font-normal">
                <Link href={`/admin/users/${user.id}`} className="text-brand-700 underline">
                  {user.email}
                </Link>
              </th>
              <td className="px-3 py-2">{user.name}</td>
              <td className="px-3 py-2">{roleLabel(user.role)}</td>
              <td className="px-3 py-2">
                {user.disabled ? (
                  <span className="rounded bg-red-50 px-1.5 py-0.5 text-red-800">Disabled</span>
                ) : (
                  <span className="rounded bg-green-50 px-1.5 py-0.5 text-green-800">Enabled</span>
                )}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{dateFormat.format(user.createdAt)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{user.orderCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
