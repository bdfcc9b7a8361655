import type { Metadata } from "next";
import { OrdersTable } from "@/components/orders/orders-table";
import { requireRole } from "@/lib/auth/guards";
import { listAllOrders } from "@/lib/orders/queries";

export const metadata: Metadata = { title: "All orders" };

export default async function AdminOrdersPage() {
  const user = await requireRole("ADMIN");
  const orders = await listAllOrders(user);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">All orders</h1>
      {orders.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">No orders yet.</p>
      ) : (
        <OrdersTable rows={orders} hrefBase="/admin/orders" caption="All orders" />
      )}
    </>
  );
}
