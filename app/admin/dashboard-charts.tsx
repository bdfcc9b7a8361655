import { BarChart } from "@/components/charts/bar-chart";
import { historyHref, daysOf, type DashboardPeriod } from "@/lib/dashboard/filters";
import {
  EXPIRY_MONTHS,
  expiringByMonth,
  funnel,
  ordersByDay,
  QUEUE_REASONS,
  sectigoCalls,
  supportQueueByDay,
} from "@/lib/dashboard/queries";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { CALL_OUTCOMES } from "@/lib/sectigo/call-record";
import { getProduct } from "@/lib/sectigo/products";
import type { SessionUser } from "@/lib/users/data";
import { adminPeriodSums } from "@/lib/orders/queries/search-sums";

// The dashboard's charts, each from one aggregate (lib/dashboard/queries.ts) and each with its
// table and a link to the order history behind it.

const words = (name: string) => name.charAt(0) + name.slice(1).toLowerCase().replaceAll("_", " ");
const productName = (code: number | null) =>
  code === null ? "No product" : `${getProduct(code)?.name ?? "Product"} (${code})`;
const shortDay = (day: string) => day.slice(5);
const duration = (seconds: number) =>
  seconds < 3600
    ? `${Math.round(seconds / 60)} min`
    : seconds < 172_800
      ? `${Math.round(seconds / 360) / 10} h`
      : `${Math.round(seconds / 8640) / 10} d`;

type Values = Record<string, Record<string, number>>;
function add(values: Values, category: string, series: string, n: number) {
  const row = (values[category] ??= {});
  row[series] = (row[series] ?? 0) + n;
}

export async function DashboardCharts({ user, period }: { user: SessionUser; period: DashboardPeriod }) {
  const [orders, steps, queue, calls, expiring, sums] = await Promise.all([
    ordersByDay(user, period),
    funnel(user, period),
    supportQueueByDay(user, period),
    sectigoCalls(user, period),
    expiringByMonth(user, period),
    adminPeriodSums(user, { sort: "created", from: period.from, to: period.to, product: period.product }),
  ]);
  const days = daysOf(period).map((d) => ({ key: d, label: shortDay(d) }));
  const dayHref = (day: string, extra: Record<string, string | undefined> = {}) =>
    historyHref({ ...period, from: day, to: day }, extra);

  const byStatus: Values = {};
  const byProduct: Values = {};
  for (const row of orders) {
    add(byStatus, row.day, row.status, row.orders);
    add(byProduct, row.day, String(row.productCode ?? "none"), row.orders);
  }
  const statuses = Object.values(OrderStatus).filter(
    (s) => s !== "DRAFT" && orders.some((r) => r.status === s),
  );
  const products = [...new Set(orders.map((r) => r.productCode))].sort((a, b) => (a ?? 0) - (b ?? 0));

  const funnelValues: Values = {};
  for (const row of steps) {
    const key = String(row.productCode);
    funnelValues[key] = { placed: row.placed, validated: row.validated, issued: row.issued };
  }

  const queueValues: Values = {};
  for (const row of queue) add(queueValues, row.day, row.reason, row.entries);
  const reasons = QUEUE_REASONS.filter((r) => queue.some((q) => q.reason === r));

  const callValues: Values = {};
  for (const row of calls.byDay) add(callValues, row.day, row.outcome, row.calls);
  const outcomes = CALL_OUTCOMES.filter((o) => calls.byDay.some((r) => r.outcome === o));
  const latencyValues: Values = Object.fromEntries(
    calls.latency.map((l) => [l.endpoint, { p50: l.p50Ms, p95: l.p95Ms, p99: l.p99Ms }]),
  );

  const start = new Date(`${period.from.slice(0, 7)}-01T00:00:00Z`);
  const months = Array.from({ length: EXPIRY_MONTHS }, (_, i) => {
    const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1));
    return { key: d.toISOString().slice(0, 7), label: d.toISOString().slice(0, 7) };
  });
  const expiringValues: Values = {};
  for (const row of expiring)
    add(expiringValues, row.month, String(row.productCode ?? "none"), row.certificates);
  const expiringProducts = [...new Set(expiring.map((r) => r.productCode))].sort(
    (a, b) => (a ?? 0) - (b ?? 0),
  );

  // Revenue per month and currency: the quoted net and the margin (quote minus Sectigo's cost).
  const sumMonths = [...new Set(sums.map((s) => s.month))].sort();
  const currencies = [...new Set(sums.map((s) => s.currency ?? "none"))];
  const money: Values = {};
  for (const s of sums) {
    const c = s.currency ?? "none";
    add(money, s.month, `net:${c}`, Number(s.net ?? 0));
    add(money, s.month, `margin:${c}`, Number(s.margin ?? 0));
  }
  const monthHref = (month: string) => {
    const first = `${month}-01`;
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    return historyHref({
      ...period,
      from: first < period.from ? period.from : first,
      to: last > period.to ? period.to : last,
    });
  };

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <BarChart
        id="orders-status"
        title="Orders per day by status"
        description="Orders created each day (UTC), drafts left out, stacked by their status now."
        categories={days}
        series={statuses.map((s) => ({ key: s, label: words(s) }))}
        values={byStatus}
        cellHref={(day, status) => dayHref(day, { status })}
        history={{ href: historyHref(period), label: "These orders in the order history" }}
      />
      <BarChart
        id="orders-product"
        title="Orders per day by product"
        description="The same orders, stacked by product."
        categories={days}
        series={products.map((p) => ({ key: String(p ?? "none"), label: productName(p) }))}
        values={byProduct}
        cellHref={(day, product) => dayHref(day, { product: product === "none" ? undefined : product })}
        history={{ href: historyHref(period), label: "These orders in the order history" }}
      />
      <BarChart
        id="funnel"
        title="Placed, validated, issued"
        description={`Orders placed at Sectigo in the period, per product: how many finished validation and how many were issued. Median time per step: ${
          steps
            .map(
              (s) =>
                `${productName(s.productCode)}: placed to validated ${s.placedToValidatedS === null ? "—" : duration(s.placedToValidatedS)}, validated to issued ${s.validatedToIssuedS === null ? "—" : duration(s.validatedToIssuedS)}`,
            )
            .join("; ") || "none yet"
        }.`}
        layout="grouped"
        categories={steps.map((s) => ({ key: String(s.productCode), label: String(s.productCode) }))}
        series={[
          { key: "placed", label: "Placed" },
          { key: "validated", label: "Validated" },
          { key: "issued", label: "Issued" },
        ]}
        values={funnelValues}
        cellHref={(product, step) =>
          historyHref({ ...period, product: Number(product) }, step === "issued" ? { status: "ISSUED" } : {})
        }
        history={{
          href: historyHref(period, { status: "PLACED" }),
          label: "Orders placed at Sectigo, still in progress",
        }}
      />
      <BarChart
        id="support-queue"
        title="Support queue by reason"
        description="Orders entering the support queue each day, by why they wait for support."
        categories={days}
        series={reasons.map((r) => ({ key: r, label: words(r) }))}
        values={queueValues}
        cellHref={(day, reason) => dayHref(day, { status: reason })}
        history={{ href: "/support", label: "The support queue now" }}
      />
      <BarChart
        id="sectigo-outcomes"
        title="Sectigo answers by outcome"
        description="Every call to Sectigo's API per day: answered, refused (a CA error), or no usable answer. All products."
        categories={days}
        series={outcomes.map((o) => ({ key: o, label: words(o.replace("-", "_")) }))}
        values={callValues}
      />
      <BarChart
        id="sectigo-latency"
        title="Sectigo latency per endpoint"
        description="How long calls took in the period: half (p50), 95 % and 99 % of calls answered within this many milliseconds."
        layout="grouped"
        categories={calls.latency.map((l) => ({ key: l.endpoint, label: l.endpoint }))}
        series={[
          { key: "p50", label: "p50 (ms)" },
          { key: "p95", label: "p95 (ms)" },
          { key: "p99", label: "p99 (ms)" },
        ]}
        values={latencyValues}
      />
      <BarChart
        id="expiring"
        title="Certificates expiring per month"
        description={`Issued certificates by the month they expire, ${EXPIRY_MONTHS} months from the period's first month.`}
        categories={months}
        series={expiringProducts.map((p) => ({ key: String(p ?? "none"), label: productName(p) }))}
        values={expiringValues}
        history={{
          href: historyHref(period, { status: "ISSUED" }),
          label: "Issued orders in the order history",
        }}
      />
      <BarChart
        id="revenue"
        title="Revenue and margin per month"
        description="Quoted net price of the orders created in the period, and the margin over Sectigo's cost (orders with both)."
        layout="grouped"
        categories={sumMonths.map((m) => ({ key: m, label: m }))}
        series={currencies.flatMap((c) => [
          { key: `net:${c}`, label: `Net ${c === "none" ? "" : c}`.trim() },
          { key: `margin:${c}`, label: `Margin ${c === "none" ? "" : c}`.trim() },
        ])}
        values={money}
        format={(v) => v.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
        cellHref={(month) => monthHref(month)}
        history={{ href: historyHref(period), label: "These orders and their sums in the order history" }}
      />
    </div>
  );
}
