import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { getProduct } from "@/lib/sectigo/products";

export interface OrderRow {
  id: string;
  externalOrderNumber: string;
  sectigoOrderNumber: string | null;
  productCode: number | null;
  status: OrderStatus;
  organizationName: string | null;
  commonName: string | null;
  test: boolean;
  createdAt: Date;
  owner?: { email: string };
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function OrdersTable({ rows, hrefBase, caption }: { rows: OrderRow[]; hrefBase: string; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Order</th>
            <th scope="col" className="px-3 py-2">Product</th>
            <th scope="col" className="px-3 py-2">Subject</th>
            {rows.some((r) => r.owner) ? <th scope="col" className="px-3 py-2">Customer</th> : null}
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Created (UTC)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="px-3 py-2 font-mono">
                <Link href={`${hrefBase}/${row.id}`} className="text-brand-700 underline">
                  {row.externalOrderNumber}
                </Link>
                {row.test ? <span className="ml-2 rounded bg-slate-100 px-1 text-xs">test</span> : null}
                {row.sectigoOrderNumber ? <div className="text-xs text-slate-500">Sectigo #{row.sectigoOrderNumber}</div> : null}
              </td>
              <td className="px-3 py-2">{getProduct(row.productCode)?.name ?? "—"}</td>
              <td className="px-3 py-2">{row.organizationName ?? row.commonName ?? "—"}</td>
              {row.owner ? <td className="px-3 py-2">{row.owner.email}</td> : null}
              <td className="px-3 py-2">
                <StatusBadge status={row.status} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{dateFormat.format(row.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
