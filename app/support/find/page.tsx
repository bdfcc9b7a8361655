import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { requireRole } from "@/lib/auth/guards";
import { staffOrderSearchSchema } from "@/lib/orders/model/search-params";
import { findOrdersForStaff } from "@/lib/orders/queries/search";
import { getProduct } from "@/lib/sectigo/products";

export const metadata: Metadata = { title: "Find an order" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Support finds any order a customer asks about, not only those in the queue. */
export default async function FindOrderPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole("SUPPORT", "ADMIN");
  const raw = await searchParams;
  const text = typeof raw.q === "string" ? raw.q : "";
  const parsed = staffOrderSearchSchema.safeParse({ q: text });
  const error = parsed.success ? undefined : parsed.error.issues[0]?.message;
  const q = parsed.success ? parsed.data.q : undefined;
  const rows = q ? await findOrdersForStaff(user, { q }) : [];
  return (
    <>
      <p className="text-sm">
        <Link href="/support" className="text-brand-700 underline">
          ← Support queue
        </Link>
      </p>
      <h1 className="mt-2 mb-1 text-2xl font-bold">Find an order</h1>
      <p className="mb-4 text-sm text-slate-600">
        Any order, whatever its state: by our order number, Sectigo&rsquo;s order number, the organization or
        the customer&rsquo;s e-mail address.
      </p>
      <form
        method="get"
        role="search"
        aria-label="Find an order"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <div className="min-w-0 grow sm:max-w-md">
          <label htmlFor="find-q" className="block text-sm font-medium text-slate-800">
            Order number, organization or e-mail
          </label>
          <input
            id="find-q"
            name="q"
            type="search"
            defaultValue={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "find-q-error" : undefined}
            className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm ${error ? "border-red-600" : "border-slate-300"}`}
          />
          {error ? (
            <p id="find-q-error" role="alert" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <Button type="submit">Find</Button>
      </form>
      {q ? (
        <p role="status" className="mb-2 text-sm text-slate-700">
          {rows.length === 0
            ? "No order matches."
            : `${rows.length === 20 ? "The newest 20" : rows.length} order${rows.length === 1 ? "" : "s"} found.`}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-center sm:gap-4">
              <Link
                href={`/support/orders/${row.id}`}
                className="text-brand-700 font-mono font-semibold underline"
              >
                {row.externalOrderNumber}
              </Link>
              <StatusBadge status={row.status} />
              <span className="min-w-0 break-words">
                {getProduct(row.productCode)?.name ?? "No product yet"} ·{" "}
                {row.organizationName ?? row.commonName ?? "—"} · {row.owner.email}
              </span>
              <span className="text-xs text-slate-600 sm:ml-auto">{when.format(row.createdAt)} UTC</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
