import Link from "next/link";
import { SortHeader } from "@/components/orders/sort-header";
import { StatusBadge } from "@/components/status-badge";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { OrderSort, SortDirection } from "@/lib/orders/model/search-params";
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
  owner?: { email?: string; name?: string };
  /** Whose order it is (customer lists): a company organization's name is shown with its requester. */
  organization?: { name: string; personal: boolean };
  /** Admins only: the quoted net price and the margin over Sectigo's cost, formatted. */
  money?: { quoted: string | null; margin: string | null };
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

// Below the sm breakpoint (a 375 px phone) only the order and its status get columns; product,
// subject, customer and date move under the order number, so the status is never cut off.
const WIDE_ONLY = "hidden sm:table-cell";

function Header({
  label,
  column,
  sorting,
  className = "",
}: {
  label: string;
  column?: OrderSort;
  sorting?: TableSorting;
  className?: string;
}) {
  if (!column || !sorting) {
    return (
      <th scope="col" className={`px-3 py-2 ${className}`}>
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
      className={className}
    />
  );
}

export function OrdersTable({
  rows,
  hrefBase,
  caption,
  sorting,
  staffView = false,
  moneyView = false,
}: {
  rows: OrderRow[];
  hrefBase: string;
  caption: string;
  sorting?: TableSorting;
  /** Adds the customer column and each state's own name (several share a customer label). */
  staffView?: boolean;
  /** Adds the quoted net price and margin columns (admins). */
  moneyView?: boolean;
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
            <Header label="Product" column="product" sorting={sorting} className={WIDE_ONLY} />
            <Header label="Subject" className={WIDE_ONLY} />
            {staffView ? <Header label="Customer" className={WIDE_ONLY} /> : null}
            <Header label="Status" column="status" sorting={sorting} />
            <Header label="Created (UTC)" column="created" sorting={sorting} className={WIDE_ONLY} />
            {moneyView ? <Header label="Quoted net" className={WIDE_ONLY} /> : null}
            {moneyView ? <Header label="Margin" className={WIDE_ONLY} /> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const product = getProduct(row.productCode)?.name ?? "—";
            const subject = row.organizationName ?? row.commonName;
            return (
              <tr key={row.id}>
                <td className="px-3 py-2 font-mono">
                  <Link href={`${hrefBase}/${row.id}`} className="text-brand-700 underline">
                    {row.externalOrderNumber}
                  </Link>
                  {row.test ? <span className="ml-2 rounded bg-slate-100 px-1 text-xs">test</span> : null}
                  {row.sectigoOrderNumber ? (
                    <div className="text-xs text-slate-500">Sectigo #{row.sectigoOrderNumber}</div>
                  ) : null}
                  {row.organization && !row.organization.personal ? (
                    <div className="font-sans text-xs text-slate-600">
                      {row.organization.name}
                      {row.owner?.name ? ` · requested by ${row.owner.name}` : ""}
                    </div>
                  ) : null}
                  <div className="mt-1 space-y-0.5 font-sans text-xs break-words text-slate-600 sm:hidden">
                    <div>{product}</div>
                    {subject ? <div>{subject}</div> : null}
                    {staffView && row.owner ? <div className="break-all">{row.owner.email}</div> : null}
                    <div>
                      <time dateTime={row.createdAt.toISOString()}>{dateFormat.format(row.createdAt)}</time>{" "}
                      UTC
                    </div>
                  </div>
                </td>
                <td className={`px-3 py-2 ${WIDE_ONLY}`}>{product}</td>
                <td className={`px-3 py-2 ${WIDE_ONLY}`}>{subject ?? "—"}</td>
                {staffView ? <td className={`px-3 py-2 ${WIDE_ONLY}`}>{row.owner?.email}</td> : null}
                <td className="px-3 py-2">
                  <StatusBadge status={row.status} />
                  {staffView ? <div className="font-mono text-xs text-slate-500">{row.status}</div> : null}
                </td>
                <td className={`px-3 py-2 whitespace-nowrap ${WIDE_ONLY}`}>
                  <time dateTime={row.createdAt.toISOString()}>{dateFormat.format(row.createdAt)}</time>
                </td>
                {moneyView ? (
                  <td className={`px-3 py-2 whitespace-nowrap ${WIDE_ONLY}`}>{row.money?.quoted ?? "—"}</td>
                ) : null}
                {moneyView ? (
                  <td className={`px-3 py-2 whitespace-nowrap ${WIDE_ONLY}`}>{row.money?.margin ?? "—"}</td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
