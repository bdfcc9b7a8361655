import Link from "next/link";
import type { AuditEventRow } from "@/lib/audit/queries";

function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}`;
}

export function AuditTable({ rows, caption }: { rows: AuditEventRow[]; caption: string }) {
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
              Time (UTC)
            </th>
            <th scope="col" className="px-3 py-2">
              Actor
            </th>
            <th scope="col" className="px-3 py-2">
              Action
            </th>
            <th scope="col" className="px-3 py-2">
              Target
            </th>
            <th scope="col" className="px-3 py-2">
              Reason
            </th>
            <th scope="col" className="px-3 py-2">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((event) => (
            <tr key={event.id}>
              <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
                <time dateTime={event.createdAt.toISOString()}>{utc(event.createdAt)}</time>
              </th>
              <td className="px-3 py-2">
                {event.actor ? event.actor.email : <span className="text-slate-600">System</span>}
              </td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">{event.action}</td>
              <td className="px-3 py-2">
                {event.targetUser ? (
                  <Link
                    href={`/admin/users/${event.targetUser.id}`}
                    className="text-brand-700 block underline"
                  >
                    {event.targetUser.email}
                  </Link>
                ) : null}
                {event.order ? (
                  <Link
                    href={`/admin/orders/${event.order.id}`}
                    className="text-brand-700 block font-mono underline"
                  >
                    {event.order.externalOrderNumber}
                  </Link>
                ) : null}
                {!event.targetUser && !event.order ? <span className="text-slate-600">—</span> : null}
              </td>
              <td className="max-w-xs px-3 py-2 break-words">
                {event.reason ?? <span className="text-slate-600">—</span>}
              </td>
              <td className="max-w-sm px-3 py-2">
                {event.details === null ? (
                  <span className="text-slate-600">—</span>
                ) : (
                  <code className="font-mono text-xs break-all">{JSON.stringify(event.details)}</code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
