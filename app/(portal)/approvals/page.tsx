import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { listAwaitingApproval } from "@/lib/orders/approval/queries";

export const metadata: Metadata = { title: "Approvals" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Orders waiting for the signed-in approver, in every organization where they approve. */
export default async function ApprovalsPage() {
  const user = await requireUser();
  const orders = await listAwaitingApproval(user);
  return (
    <>
      <h1 className="text-2xl font-bold">Approvals</h1>
      <p className="mt-1 text-sm text-slate-700">
        Orders your organizations&apos; requesters submitted. Nothing is sent to Sectigo until an approver
        approves it.
      </p>
      {orders.length === 0 ? (
        <p className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          No orders are waiting for your approval.
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            <caption className="sr-only">Orders awaiting approval, oldest first</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Order
                </th>
                <th scope="col" className="px-3 py-2">
                  Organization
                </th>
                <th scope="col" className="px-3 py-2">
                  Certificate
                </th>
                <th scope="col" className="px-3 py-2">
                  Requested by
                </th>
                <th scope="col" className="px-3 py-2">
                  Submitted (UTC)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {orders.map((o) => (
                <tr key={o.id}>
                  <td className="px-3 py-2">
                    <Link href={`/approvals/${o.id}`} className="text-brand-700 font-mono underline">
                      {o.externalOrderNumber}
                    </Link>
                    {o.test ? <span className="ml-2 rounded bg-slate-100 px-1 text-xs">test</span> : null}
                  </td>
                  <td className="px-3 py-2">{o.organization}</td>
                  <td className="px-3 py-2">
                    {o.product}
                    {o.commonName || o.organizationName ? (
                      <span className="block text-slate-600">{o.commonName ?? o.organizationName}</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    {o.owner.name}
                    {o.mayApprove ? null : <span className="block text-xs text-slate-600">(you)</span>}
                  </td>
                  <td className="px-3 py-2">{o.submittedAt ? when.format(o.submittedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
