import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { requireRole } from "@/lib/auth/guards";
import { getSupportOrder } from "@/lib/orders/queries/support";
import { SUPPORT_STATE_LABELS } from "@/lib/orders/model/support-labels";
import { getProduct } from "@/lib/sectigo/products";
import { AttemptList } from "@/components/orders/attempt-list";
import { SupportActions } from "./support-actions";
import { AfterSection } from "@/app/(portal)/orders/[id]/after-section";

export const metadata: Metadata = { title: "Support: order" };

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const when = (date: Date | null) => (date ? `${dateFormat.format(date)} UTC` : "—");

export default async function SupportOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("SUPPORT", "ADMIN");
  const { id } = await params;
  const order = await getSupportOrder(user, id);
  if (!order) notFound();
  const stateLabel = SUPPORT_STATE_LABELS[order.status];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/support" className="text-brand-700 underline">
          ← Support queue
        </Link>
      </p>
      <h1 className="mb-1 flex flex-wrap items-center gap-3 text-2xl font-bold">
        <span>
          Order <span className="font-mono">{order.externalOrderNumber}</span>
        </span>
        <StatusBadge status={order.status} />
        {stateLabel ? <span className="text-base font-normal text-slate-600">{stateLabel}</span> : null}
      </h1>
      {order.reason ? (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <strong>{order.status === "RETRY_SCHEDULED" ? "Retrying:" : "Why it needs a person:"}</strong>{" "}
          {order.reason}
        </p>
      ) : null}
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-slate-600">Customer</dt>
        <dd className="break-all">
          {order.owner.name} ({order.owner.email})
        </dd>
        <dt className="font-medium text-slate-600">Product</dt>
        <dd>
          {getProduct(order.productCode)?.name ?? "—"}
          {order.days ? `, ${order.days} days` : ""}
          {order.test ? " (test order)" : ""}
        </dd>
        <dt className="font-medium text-slate-600">Subject</dt>
        <dd>{order.organizationName ?? order.commonName ?? "—"}</dd>
        <dt className="font-medium text-slate-600">Sectigo order number</dt>
        <dd>{order.sectigoOrderNumber ?? "—"}</dd>
        <dt className="font-medium text-slate-600">Created</dt>
        <dd>{when(order.createdAt)}</dd>
        <dt className="font-medium text-slate-600">Last change</dt>
        <dd>{when(order.updatedAt)}</dd>
        <dt className="font-medium text-slate-600">Automatic retries</dt>
        <dd>
          {order.retryCount}
          {order.nextRetryAt ? `, next at ${when(order.nextRetryAt)}` : ""}
        </dd>
      </dl>

      <AfterSection
        orderId={order.id}
        status={order.status}
        test={order.test}
        view={order.after}
        staff={order.after}
      />

      <SupportActions
        orderId={order.id}
        version={order.version}
        status={order.status}
        externalOrderNumber={order.externalOrderNumber}
        allowed={order.allowed}
      />

      <section aria-labelledby="attempts-heading" className="mb-8">
        <h2 id="attempts-heading" className="mb-2 text-lg font-semibold">
          Attempts
        </h2>
        <AttemptList attempts={order.attempts} />
      </section>

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="mb-2 text-lg font-semibold">
          Audit trail
        </h2>
        {order.auditEvents.length === 0 ? (
          <p className="text-sm text-slate-600">No support or system actions yet.</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {order.auditEvents.map((event) => (
              <li key={event.id} className="rounded border border-slate-200 bg-white p-3">
                <p>
                  <span className="font-mono">{event.action}</span> by {event.actor?.email ?? "the portal"},{" "}
                  {when(event.createdAt)}
                </p>
                {event.reason ? <p className="text-slate-700">Reason: {event.reason}</p> : null}
                {event.details ? (
                  <pre className="mt-1 overflow-auto text-xs break-all whitespace-pre-wrap text-slate-600">
                    {JSON.stringify(event.details, null, 2)}
                  </pre>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
