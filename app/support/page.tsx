import type { Metadata } from "next";
import { OrdersTable } from "@/components/orders/orders-table";
import { requireRole } from "@/lib/auth/guards";
import { listSupportQueue } from "@/lib/orders/queries";

export const metadata: Metadata = { title: "Support queue" };

export default async function SupportQueuePage() {
  const user = await requireRole("SUPPORT", "ADMIN");
  const orders = await listSupportQueue(user);
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Support queue</h1>
      <p className="mb-4 text-sm text-slate-600">Orders that need a person, oldest first.</p>
      {orders.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">Nothing needs attention.</p>
      ) : (
        <OrdersTable rows={orders} hrefBase="/admin/orders" caption="Orders needing support" />
      )}
    </>
  );
}
