import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { requireUser } from "@/lib/auth/guards";
import { getApprovalView } from "@/lib/orders/approval/queries";
import { formatMoney, formatRate } from "@/lib/prices/format";
import { DecisionForms } from "./decision-forms";

export const metadata: Metadata = { title: "Approve an order" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** What an approver decides on: the request exactly as it would go to Sectigo. */
export default async function ApprovalPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const order = await getApprovalView(user, id);
  if (!order) notFound();
  const waiting = order.status === "AWAITING_APPROVAL";
  // After a decision (this approver's, another's, or a withdrawal) the page says which it was.
  const decision = waiting ? null : order.events.at(-1);
  return (
    <>
      <p className="text-sm">
        <Link href="/approvals" className="text-brand-700 underline">
          ← Approvals
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">
          Order <span className="font-mono">{order.externalOrderNumber}</span>
        </h1>
        <StatusBadge status={order.status} />
        {order.test ? <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">test order</span> : null}
      </div>
      <dl className="mt-4 grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">Organization</dt>
        <dd>{order.organization}</dd>
        <dt className="text-slate-600">Certificate</dt>
        <dd>{order.product}</dd>
        <dt className="text-slate-600">Price</dt>
        <dd data-testid="approval-price">
          {order.quote?.reverseCharge
            ? `${formatMoney(order.quote.gross, order.quote.currency)}, no VAT: reverse charge (the company's VAT number ${order.quote.vatNumber})`
            : order.quote
              ? `${formatMoney(order.quote.gross, order.quote.currency)} incl. ${formatRate(order.quote.vatRate)} VAT (${formatMoney(order.quote.net, order.quote.currency)} net)`
              : "on request (no list price for this choice)"}
        </dd>
        <dt className="text-slate-600">Requested by</dt>
        <dd>
          {order.owner.name} ({order.owner.email})
        </dd>
        <dt className="text-slate-600">Submitted</dt>
        <dd>{order.submittedAt ? `${when.format(order.submittedAt)} UTC` : "—"}</dd>
      </dl>

      {waiting && order.params ? (
        <>
          <section aria-labelledby="request-heading" className="mt-6">
            <h2 id="request-heading" className="text-lg font-semibold">
              What will be sent to Sectigo
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              Every value of the request, as the portal will post it (the reseller&apos;s login is left out):
              what it means, and below it the name and value exactly as Sectigo receives them. The requester
              cannot change it while it waits; to change it they withdraw it and submit again.
            </p>
            <div className="mt-2 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
                <caption className="sr-only">Request parameters</caption>
                <thead className="bg-slate-50 text-left">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Parameter
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Value
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {order.params.map((p) => (
                    <tr key={p.name}>
                      <th scope="row" className="px-3 py-1.5 text-left align-top font-normal">
                        {p.label}
                        {p.label !== p.name ? (
                          <span className="block font-mono text-xs text-slate-600">{p.name}</span>
                        ) : null}
                      </th>
                      <td className="px-3 py-1.5 align-top">
                        {p.meaning ? <span className="block">{p.meaning}</span> : null}
                        <span
                          className={`font-mono break-all whitespace-pre-wrap ${p.meaning ? "text-xs text-slate-600" : ""}`}
                        >
                          {p.value}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <div className="mt-6">
            <DecisionForms orderId={order.id} version={order.version} mayApprove={order.mayApprove} />
          </div>
        </>
      ) : (
        <p role="status" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          {decision ? `${decision.summary}.` : "This order is not waiting for approval."}{" "}
          <Link href={`/orders/${order.id}`} className="text-brand-700 underline">
            Open the order
          </Link>
        </p>
      )}

      {order.events.length ? (
        <section aria-labelledby="steps-heading" className="mt-6">
          <h2 id="steps-heading" className="text-lg font-semibold">
            Approval steps
          </h2>
          <ol className="mt-2 space-y-2">
            {order.events.map((e) => (
              <li key={e.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <time dateTime={e.at.toISOString()} className="font-mono text-xs text-slate-600">
                  {when.format(e.at)} UTC
                </time>{" "}
                <span className="font-semibold">{e.summary}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
