import type { AdminOrderDetail } from "@/lib/orders/queries/admin-order";
import { utc } from "@/components/orders/format";

/** What staff did to the order and why, oldest first. */
export function AuditTrail({ events }: { events: AdminOrderDetail["auditEvents"] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No staff actions recorded.</p>;
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Audit trail"
    >
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Audit trail of the order, oldest first</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              Time
            </th>
            <th scope="col" className="px-3 py-2">
              Actor
            </th>
            <th scope="col" className="px-3 py-2">
              Action
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
          {events.map((event) => (
            <tr key={event.id}>
              <td className="px-3 py-2 whitespace-nowrap">{utc(event.createdAt)}</td>
              <td className="px-3 py-2">{event.actor?.email ?? "System"}</td>
              <td className="px-3 py-2 font-mono">{event.action}</td>
              <td className="px-3 py-2">{event.reason ?? "—"}</td>
              <td className="px-3 py-2">
                {event.details === null ? (
                  "—"
                ) : (
                  <pre className="text-xs break-all whitespace-pre-wrap">
                    {JSON.stringify(event.details, null, 2)}
                  </pre>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
