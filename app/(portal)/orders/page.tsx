import type { Metadata } from "next";
import Link from "next/link";
import { CustomerOrderFilters } from "@/components/orders/customer-order-filters";
import { OrdersTable } from "@/components/orders/orders-table";
import { Pager } from "@/components/ui/pager";
import { requireUser } from "@/lib/auth/guards";
import { hasAnyListedOrder, listCustomerDrafts, listCustomerOrders } from "@/lib/orders/queries/search";
import {
  CUSTOMER_FILTER_KEYS,
  customerOrderFiltersSchema,
  isFiltered,
  parseFilters,
  rawValues,
  type RawParams,
} from "@/lib/orders/model/search-params";
import { getProduct } from "@/lib/sectigo/products";
import { deleteDraftFormAction } from "./actions";
import { ExpiringList } from "@/components/certificates/expiring-list";
import { listExpiring } from "@/lib/orders/queries/expiring";
import { isEmailVerified } from "@/lib/users/verification";
import { VerifyEmailNotice } from "../account/verify-notice";

export const metadata: Metadata = { title: "My orders" };

export default async function MyOrdersPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const user = await requireUser();
  const params = await searchParams;
  const { deleted, after, before } = rawValues(params, ["deleted", "after", "before"]);
  const values = rawValues(params, CUSTOMER_FILTER_KEYS);
  const { filters, errors } = parseFilters(customerOrderFiltersSchema, values);
  const filtered = isFiltered(filters, CUSTOMER_FILTER_KEYS);
  const [drafts, page, hasAny, expiring, verified] = await Promise.all([
    listCustomerDrafts(user),
    listCustomerOrders(user, filters, { after, before }),
    hasAnyListedOrder(user),
    listExpiring(user),
    isEmailVerified(user.id),
  ]);
  const hasSent =
    page.rows.length > 0 || filtered || Object.keys(errors).length > 0 || Boolean(after || before);
  const kept = Object.fromEntries(CUSTOMER_FILTER_KEYS.map((k) => [k, errors[k] ? undefined : values[k]]));
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">My orders</h1>
        <Link
          href="/orders/new"
          className="bg-brand-600 hover:bg-brand-700 rounded-md px-4 py-2 text-sm font-semibold text-white"
        >
          New order
        </Link>
      </div>
      <div aria-live="polite">
        {deleted ? (
          <p className="mb-3 rounded-md bg-green-50 p-3 text-sm text-green-900">Draft deleted.</p>
        ) : null}
      </div>
      {verified ? null : <VerifyEmailNotice email={user.email} />}
      <ExpiringList rows={expiring} orderHref={(id) => `/orders/${id}`} />
      {!hasAny ? (
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
                  <span className="font-mono">{d.externalOrderNumber}</span> ·{" "}
                  {getProduct(d.productCode)?.name ?? "product not chosen"}
                  {d.rejected ? (
                    <>
                      {" "}
                      ·{" "}
                      <Link href={`/orders/${d.id}`} className="font-semibold text-red-800 underline">
                        rejected by the approver: see why
                      </Link>
                    </>
                  ) : null}
                  <span className="text-slate-500">
                    {" "}
                    · saved {d.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </span>
                </span>
                <span className="flex gap-2">
                  <Link
                    href={`/orders/${d.id}/edit`}
                    className="rounded-md border border-slate-300 px-3 py-1.5 font-semibold hover:bg-slate-100"
                    aria-label={`Resume draft ${d.externalOrderNumber}`}
                  >
                    Resume
                  </Link>
                  <form action={deleteDraftFormAction}>
                    <input type="hidden" name="orderId" value={d.id} />
                    <button
                      type="submit"
                      className="rounded-md border border-red-300 px-3 py-1.5 text-red-800 hover:bg-red-50"
                      aria-label={`Delete draft ${d.externalOrderNumber}`}
                    >
                      Delete
                    </button>
                  </form>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {hasSent ? (
        <section aria-labelledby="sent-heading">
          <h2 id="sent-heading" className="mb-2 text-lg font-semibold">
            Orders
          </h2>
          <CustomerOrderFilters values={values} errors={errors} />
          {page.rows.length ? (
            <OrdersTable
              rows={page.rows}
              hrefBase="/orders"
              caption={filtered ? "My orders matching the search" : "My orders"}
            />
          ) : (
            <p
              role="status"
              className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center"
            >
              {filtered ? "No orders match these filters." : "No more orders."}
            </p>
          )}
          <Pager
            basePath="/orders"
            params={kept}
            after={page.after}
            before={page.before}
            label="My order pages"
          />
        </section>
      ) : null}
    </>
  );
}
