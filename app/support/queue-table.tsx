import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import type { SupportQueueRow } from "@/lib/orders/queries/support";
import { SUPPORT_STATE_LABELS } from "@/lib/orders/model/support-labels";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function QueueTable({
  rows,
  caption = "Orders needing support, longest waiting first",
}: {
  rows: SupportQueueRow[];
  caption?: string;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              Order
            </th>
            <th scope="col" className="px-3 py-2">
              Customer
            </th>
            <th scope="col" className="px-3 py-2">
              State
            </th>
            <th scope="col" className="px-3 py-2">
              Why
            </th>
            <th scope="col" className="px-3 py-2">
              Waiting since (UTC)
            </th>
            <th scope="col" className="px-3 py-2">
              Attempts
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="px-3 py-2 font-mono whitespace-nowrap">
                <Link href={`/support/orders/${row.id}`} className="text-brand-700 underline">
                  {row.externalOrderNumber}
                </Link>
                {row.test ? <span className="ml-2 rounded bg-slate-100 px-1 text-xs">test</span> : null}
              </td>
              <td className="px-3 py-2 break-all">{row.owner.email}</td>
              <td className="px-3 py-2">
                <StatusBadge status={row.status} />
                <div className="mt-1 text-xs text-slate-600">{SUPPORT_STATE_LABELS[row.status]}</div>
              </td>
              <td className="max-w-md px-3 py-2">{row.reason}</td>
              <td className="px-3 py-2 whitespace-nowrap">{dateFormat.format(row.updatedAt)}</td>
              <td className="px-3 py-2">{row.attemptCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
