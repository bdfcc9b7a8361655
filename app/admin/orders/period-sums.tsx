import type { AdminOrderFilters } from "@/lib/orders/model/search-params";
import { adminPeriodSums, SUM_MONTHS } from "@/lib/orders/queries/search-sums";
import type { SessionUser } from "@/lib/users/data";
import { formatMoney } from "@/lib/prices/format";

const money = (amount: string | null, currency: string | null) =>
  amount === null ? "—" : currency ? formatMoney(amount, currency) : amount;

/** Quoted net, Sectigo's cost and margin per month of the filtered orders (admins). */
export async function PeriodSums({
  user,
  filters,
  caption,
}: {
  user: SessionUser;
  filters: AdminOrderFilters;
  caption: string;
}) {
  const rows = await adminPeriodSums(user, filters);
  return (
    <details className="mb-4 rounded-lg border border-slate-200 bg-white p-3" open>
      <summary className="cursor-pointer text-sm font-semibold">
        Sums per month ({caption}
        {filters.from ? "" : `, last ${SUM_MONTHS} months`})
      </summary>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm">No orders in this period.</p>
      ) : (
        <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label="Sums per month">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Sums per month</caption>
            <thead className="text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-2 py-1">
                  Month (UTC)
                </th>
                <th scope="col" className="px-2 py-1">
                  Orders
                </th>
                <th scope="col" className="px-2 py-1">
                  Quoted
                </th>
                <th scope="col" className="px-2 py-1">
                  Quoted net
                </th>
                <th scope="col" className="px-2 py-1">
                  Sectigo cost
                </th>
                <th scope="col" className="px-2 py-1">
                  Margin
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={`${row.month}:${row.currency ?? ""}`} data-testid={`sum-${row.month}`}>
                  <th scope="row" className="px-2 py-1 font-normal">
                    {row.month}
                  </th>
                  <td className="px-2 py-1">{row.orders}</td>
                  <td className="px-2 py-1">{row.quoted}</td>
                  <td className="px-2 py-1">{money(row.net, row.currency)}</td>
                  <td className="px-2 py-1">{money(row.cost, row.currency)}</td>
                  <td className="px-2 py-1">
                    {money(row.margin, row.currency)}
                    {row.withMargin < row.quoted ? (
                      <span className="block text-xs text-slate-600">
                        of {row.withMargin} orders with quote and cost
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
