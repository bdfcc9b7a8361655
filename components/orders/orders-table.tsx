import Link from "next/link";
import { SortHeader } from "@/components/orders/sort-header";
import { StatusBadge } from "@/components/status-badge";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { OrderSort, SortDirection } from "@/lib/orders/search-params";
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

/** The list's current sort and, per sortable column, the link that sorts by it. */
export interface TableSorting {
  sort: OrderSort;
  direction: SortDirection;
  hrefs: Record<OrderSort, string>;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function Header({ label, column, sorting }: { label: string; column?: OrderSort; sorting?: TableSorting }) {
  if (!column || !sorting) {
    return (
      <th scope="col" className="px-3 py-2">
        {label}
      </th>
    );
  }
  return (
    <SortHeader
      label={label}
      href={sorting.hrefs[column]}
      active={sorting.sort === column}
      direction={sorting.direction}
    />
  );
}

export function OrdersTable({
  rows,
  hrefBase,
  caption,
  sorting,
  staffView = false,
}: {
  rows: OrderRow[];
  hrefBase: string;
  caption: string;
  sorting?: TableSorting;
  /** Adds the customer column and each state's own name (several share a customer label). */
  staffView?: boolean;
}) {
  return (
    // Focusable so keyboard users can scroll the table sideways on a narrow screen.
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            <Header label="Order" column="external" sorting={sorting} />
            <Header label="Product" column="product" sorting={sorting} />
            <Header label="Subject" />
            {staffView ? <Header label="Customer" /> : null}
            <Header label="Status" column="status" sorting={sorting} />
            <Header label="Created (UTC)" column="created" sorting={sorting} />
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
                {row.sectigoOrderNumber ? (
                  <div className="text-xs text-slate-500">Sectigo #{row.sectigoOrderNumber}</div>
                ) : null}
              </td>
              <td className="px-3 py-2">{getProduct(row.productCode)?.name ?? "—"}</td>
              <td className="px-3 py-2">{row.organizationName ?? row.commonName ?? "—"}</td>
              {staffView ? <td className="px-3 py-2">{row.owner?.email}</td> : null}
              <td className="px-3 py-2">
                <StatusBadge status={row.status} />
                {staffView ? <div className="font-mono text-xs text-slate-500">{row.status}</div> : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={row.createdAt.toISOString()}>{dateFormat.format(row.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
