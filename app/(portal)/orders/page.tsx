import type { Metadata } from "next";
import Link from "next/link";
import { OrdersTable } from "@/components/orders/orders-table";
import { requireUser } from "@/lib/auth/guards";
import { listOwnOrders } from "@/lib/orders/queries";
import { getProduct } from "@/lib/sectigo/products";
import { deleteDraftFormAction } from "./actions";

export const metadata: Metadata = { title: "My orders" };

export default async function MyOrdersPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requireUser();
  const { deleted } = await searchParams;
  const orders = await listOwnOrders(user);
  const drafts = orders.filter((o) => o.status === "DRAFT");
  const sent = orders.filter((o) => o.status !== "DRAFT");
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">My orders</h1>
        <Link href="/orders/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          New order
        </Link>
      </div>
      <div aria-live="polite">{deleted ? <p className="mb-3 rounded-md bg-green-50 p-3 text-sm text-green-900">Draft deleted.</p> : null}</div>
      {orders.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-semibold">You have no orders yet.</p>
          <p className="mt-1 text-sm text-slate-600">Orders and saved drafts appear here.</p>
        </div>
      ) : null}
      {drafts.length ? (
        <section aria-labelledby="drafts-heading" className="mb-6">
          <h2 id="drafts-heading" className="mb-2 text-lg font-semibold">
            Drafts
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {drafts.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm">
                <span>
                  <span className="font-mono">{d.externalOrderNumber}</span> · {getProduct(d.productCode)?.name ?? "product not chosen"}
                  <span className="text-slate-500"> · saved {d.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</span>
                </span>
                <span className="flex gap-2">
                  <Link href={`/orders/${d.id}/edit`} className="rounded-md border border-slate-300 px-3 py-1.5 font-semibold hover:bg-slate-100" aria-label={`Resume draft ${d.externalOrderNumber}`}>
                    Resume
                  </Link>
                  <form action={deleteDraftFormAction}>
                    <input type="hidden" name="orderId" value={d.id} />
                    <button type="submit" className="rounded-md border border-red-300 px-3 py-1.5 text-red-800 hover:bg-red-50" aria-label={`Delete draft ${d.externalOrderNumber}`}>
                      Delete
                    </button>
                  </form>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {sent.length ? <OrdersTable rows={sent} hrefBase="/orders" caption="My orders" /> : null}
    </>
  );
}
