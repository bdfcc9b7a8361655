import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { requireRole } from "@/lib/auth/guards";
import { getAdminOrderDetail } from "@/lib/orders/queries/admin-order";
import { SERVER_SOFTWARE_SETTABLE } from "@/lib/orders/commands/set-server-software";
import { PARAMS } from "@/lib/sectigo/registry";
import { AttemptList } from "@/components/orders/attempt-list";
import { AuditTrail } from "./audit-trail";
import { InputSummary, OrderSummary, ShippingSummary } from "./order-facts";
import { ServerSoftwareForm } from "./server-software-form";
import { AfterSection } from "@/app/(portal)/orders/[id]/after-section";

export const metadata: Metadata = { title: "Order details" };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireRole("ADMIN");
  const { id } = await params;
  const order = await getAdminOrderDetail(admin, id);
  if (!order) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/orders" className="text-brand-700 underline">
          All orders
        </Link>
      </p>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">
          Order <span className="font-mono">{order.externalOrderNumber}</span>
        </h1>
        <div className="flex items-center gap-3">
          <StatusBadge status={order.status} />
          <span className="font-mono text-xs text-slate-600">{order.status}</span>
          <Link
            href={`/support/orders/${order.id}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
          >
            Open in support view
          </Link>
        </div>
      </div>
      <div className="space-y-6">
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading" className="mb-2 text-lg font-semibold">
            Summary
          </h2>
          <OrderSummary order={order} />
          <AfterSection
            orderId={order.id}
            status={order.status}
            test={order.test}
            view={order.after}
            staff={order.after}
          />
        </section>
        <section aria-labelledby="input-heading">
          <h2 id="input-heading" className="mb-2 text-lg font-semibold">
            Order input
          </h2>
          <InputSummary input={order.input} />
        </section>
        <section aria-labelledby="server-software-heading">
          <h2 id="server-software-heading" className="mb-2 text-lg font-semibold">
            Server software
          </h2>
          <ServerSoftwareSection order={order} />
        </section>
        <section aria-labelledby="attempts-heading">
          <h2 id="attempts-heading" className="mb-2 text-lg font-semibold">
            Attempts ({order.attempts.length})
          </h2>
          <AttemptList attempts={order.attempts} />
        </section>
        <section aria-labelledby="shipping-heading">
          <h2 id="shipping-heading" className="mb-2 text-lg font-semibold">
            Shipping
          </h2>
          <ShippingSummary shipping={order.shipping} />
        </section>
        <section aria-labelledby="audit-heading">
          <h2 id="audit-heading" className="mb-2 text-lg font-semibold">
            Audit trail
          </h2>
          <AuditTrail events={order.auditEvents} />
        </section>
      </div>
    </>
  );
}

function ServerSoftwareSection({
  order,
}: {
  order: { id: string; status: string; serverSoftware: number | null };
}) {
  const current = String(order.serverSoftware ?? PARAMS.serverSoftware.defaultValue);
  const label = PARAMS.serverSoftware.values.find((v) => v.value === current)?.label ?? current;
  if (!(SERVER_SOFTWARE_SETTABLE as readonly string[]).includes(order.status)) {
    return (
      <p className="text-sm">
        <span className="font-mono">{current}</span> ({label}); it can no longer change once the order has
        been sent to Sectigo.
      </p>
    );
  }
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="mb-3 text-sm">
        Currently <span className="font-mono">{current}</span> ({label}).
      </p>
      <ServerSoftwareForm orderId={order.id} current={current} />
    </div>
  );
}
