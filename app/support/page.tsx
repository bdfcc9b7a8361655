import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { requireRole } from "@/lib/auth/guards";
import {
  listRefundsToConfirm,
  listRetryingOrders,
  listStuckOrders,
  listSupportQueueOrders,
} from "@/lib/orders/queries/support";
import { SUPPORT_STATE_LABELS } from "@/lib/orders/model/support-labels";
import { SUPPORT_QUEUE } from "@/lib/orders/model/transitions";
import { QueueTable } from "./queue-table";

export const metadata: Metadata = { title: "Support queue" };

// Orders retrying automatically are listed too (in their own table), so an agent can act on them.
const LISTED = [...SUPPORT_QUEUE, "RETRY_SCHEDULED"] as const;

// An unknown state in the query string shows the whole queue rather than an error.
const filtersSchema = z.object({
  status: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(LISTED).optional().catch(undefined)),
});

export default async function SupportQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole("SUPPORT", "ADMIN");
  const { status } = filtersSchema.parse(await searchParams);
  const retryingOnly = status === "RETRY_SCHEDULED";
  const [orders, retrying, stuck, refunds] = await Promise.all([
    retryingOnly ? [] : listSupportQueueOrders(user, { status }),
    status === undefined || retryingOnly ? listRetryingOrders(user) : [],
    status === undefined ? listStuckOrders(user) : [],
    status === undefined ? listRefundsToConfirm(user) : [],
  ]);
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Support queue</h1>
      <p className="mb-4 text-sm text-slate-600">
        Orders that need a person, the longest waiting first.{" "}
        <Link href="/support/find" className="text-brand-700 font-semibold underline">
          Find any order
        </Link>
      </p>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the queue">
        <div>
          <label htmlFor="queue-status" className="block text-sm font-medium text-slate-800">
            State
          </label>
          <select
            id="queue-status"
            name="status"
            defaultValue={status ?? ""}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">All states</option>
            {LISTED.map((s) => (
              <option key={s} value={s}>
                {SUPPORT_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      <p role="status" className="mb-2 text-sm text-slate-700">
        {retryingOnly ? count(retrying.length) : count(orders.length)}
        {status ? ` in “${SUPPORT_STATE_LABELS[status]}”` : ""}
        {status === undefined && retrying.length
          ? `, and ${count(retrying.length)} retrying automatically`
          : ""}
      </p>
      {retryingOnly ? null : orders.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          Nothing needs attention.
        </p>
      ) : (
        <QueueTable rows={orders} />
      )}
      {retrying.length || retryingOnly ? (
        <section aria-labelledby="retrying-heading" className="mt-8">
          <h2 id="retrying-heading" className="mb-1 text-xl font-semibold">
            Retrying automatically
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            The portal sends these again by itself; you can retry one now or cancel it.
          </p>
          {retrying.length ? (
            <QueueTable rows={retrying} caption="Orders retrying automatically, the next due first" />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
              No order is waiting for an automatic retry.
            </p>
          )}
        </section>
      ) : null}
      {stuck.length ? (
        <section aria-labelledby="stuck-heading" className="mt-8">
          <h2 id="stuck-heading" className="mb-1 text-xl font-semibold">
            Stuck at Sectigo ({stuck.length})
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            Placed orders without progress for longer than their product normally takes, or whose status
            checks keep failing: contact Sectigo or the customer.
          </p>
          <QueueTable rows={stuck} caption="Placed orders stuck at Sectigo, longest waiting first" />
        </section>
      ) : null}
      {refunds.length ? (
        <section aria-labelledby="refunds-heading" className="mt-8">
          <h2 id="refunds-heading" className="mb-1 text-xl font-semibold">
            Refunds to ask Sectigo for ({refunds.length})
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            Orders the customer cancelled at Sectigo. Sectigo has no refund call for eIDAS orders: ask
            Sectigo&rsquo;s support, then record the answer on the order.
          </p>
          <QueueTable
            rows={refunds}
            caption="Cancelled orders whose refund is to be asked for, longest waiting first"
          />
        </section>
      ) : null}
    </>
  );
}

function count(n: number): string {
  return n === 1 ? "1 order" : `${n} orders`;
}
