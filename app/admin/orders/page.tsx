import type { Metadata } from "next";
import { Suspense } from "react";
import { AdminOrderFilters } from "@/components/orders/admin-order-filters";
import { OrdersTable, type TableSorting } from "@/components/orders/orders-table";
import { Pager } from "@/components/ui/pager";
import { requireRole } from "@/lib/auth/guards";
import { listHref } from "@/lib/filters/list-href";
import { listAdminOrders } from "@/lib/orders/queries/search";
import { marginInWords, quotedNetInWords } from "@/lib/prices/margin";
import { PeriodSums } from "./period-sums";
import { ExpiringList } from "@/components/certificates/expiring-list";
import { listExpiring } from "@/lib/orders/queries/expiring";
import {
  ADMIN_FILTER_KEYS,
  adminOrderFiltersSchema,
  defaultDirection,
  isFiltered,
  ORDER_SORTS,
  pageSizeOf,
  parseFilters,
  rawValues,
  type RawParams,
} from "@/lib/orders/model/search-params";

export const metadata: Metadata = { title: "All orders" };

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const admin = await requireRole("ADMIN");
  const params = await searchParams;
  const raw = rawValues(params, [...ADMIN_FILTER_KEYS, "sort", "dir", "size", "after", "before"]);
  const values = rawValues(params, ADMIN_FILTER_KEYS);
  const { filters, errors } = parseFilters(adminOrderFiltersSchema, {
    ...values,
    sort: raw.sort,
    dir: raw.dir,
  });
  const size = pageSizeOf(raw.size);
  const firstPage = !raw.after && !raw.before;
  const [page, expiring] = await Promise.all([
    listAdminOrders(admin, filters, { after: raw.after, before: raw.before }, size),
    firstPage ? listExpiring(admin, 20) : Promise.resolve([]),
  ]);

  const direction = filters.dir ?? defaultDirection(filters.sort);
  // Links keep the filters that were applied (not the rejected ones) and the page size.
  const kept = Object.fromEntries(ADMIN_FILTER_KEYS.map((k) => [k, errors[k] ? undefined : values[k]]));
  const sizeParam = raw.size ? size : undefined;
  const current = {
    ...kept,
    sort: filters.sort === "created" ? undefined : filters.sort,
    dir: filters.dir,
    size: sizeParam,
  };
  const sorting: TableSorting = {
    sort: filters.sort,
    direction,
    hrefs: Object.fromEntries(
      ORDER_SORTS.map((sort) => {
        const dir = sort === filters.sort ? (direction === "asc" ? "desc" : "asc") : defaultDirection(sort);
        return [sort, listHref("/admin/orders", { ...kept, sort, dir, size: sizeParam })];
      }),
    ) as TableSorting["hrefs"],
  };
  const filtered = isFiltered(filters, ADMIN_FILTER_KEYS);
  const caption = filtered ? "Orders matching the filters" : "All orders";

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">All orders</h1>
        {/* A plain link: the route handler answers with a file, not a page to navigate to. */}
        <a
          href={listHref("/admin/orders/export", { ...kept, sort: current.sort, dir: current.dir })}
          download
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          Export CSV<span className="sr-only"> of the orders matching the filters</span>
        </a>
      </div>
      <ExpiringList rows={expiring} orderHref={(id) => `/admin/orders/${id}`} showOwner canRenew={false} />
      <AdminOrderFilters values={values} errors={errors} sort={filters.sort} dir={filters.dir} size={size} />
      {/* Streamed: the sums aggregate many rows and must not hold up the list. */}
      <Suspense fallback={<p className="mb-4 text-sm text-slate-600">Summing the orders per month…</p>}>
        <PeriodSums user={admin} filters={filters} caption={caption} />
      </Suspense>
      {page.rows.length === 0 ? (
        <p
          role="status"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center"
        >
          {filtered
            ? "No orders match these filters."
            : raw.after || raw.before
              ? "No more orders."
              : "No orders yet."}
        </p>
      ) : (
        <OrdersTable
          rows={page.rows.map((row) => ({
            ...row,
            money: { quoted: quotedNetInWords(row), margin: marginInWords(row) },
          }))}
          moneyView
          hrefBase="/admin/orders"
          caption={caption}
          sorting={sorting}
          staffView
        />
      )}
      <Pager
        basePath="/admin/orders"
        params={current}
        after={page.after}
        before={page.before}
        label="Order list pages"
      />
    </>
  );
}
