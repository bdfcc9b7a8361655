import type { Metadata } from "next";
import { OrdersTable } from "@/components/orders/orders-table";
import { requireUser } from "@/lib/auth/guards";
import { listOwnOrders } from "@/lib/orders/queries";

export const metadata: Metadata = { title: "My orders" };

export default async function MyOrdersPage() {
  const user = await requireUser();
  const orders = await listOwnOrders(user);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">My orders</h1>
      </div>
      {orders.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-semibold">You have no orders yet.</p>
          <p className="mt-1 text-sm text-slate-600">Orders and saved drafts appear here.</p>
        </div>
      ) : (
        <OrdersTable rows={orders} hrefBase="/orders" caption="My orders and drafts" />
      )}
    </>
  );
}
