import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import Link from "next/link";

// A bar chart drawn on the server as plain SVG (d3-scale for the geometry, d3-shape to stack), so
// the page ships no chart JavaScript. The picture is one labelled image; the numbers, with links
// to the orders behind them, are in the table below it, which is what assistive technology and
// a careful reader use.

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartCategory {
  key: string;
  label: string;
}

export interface BarChartProps {
  id: string;
  title: string;
  /** One sentence under the title: what is counted, from which data. */
  description: string;
  categories: readonly ChartCategory[];
  series: readonly ChartSeries[];
  /** values[category][series]; missing is 0. */
  values: Readonly<Record<string, Readonly<Record<string, number>>>>;
  layout?: "stacked" | "grouped";
  format?: (value: number) => string;
  /** Where a cell of the table leads (the filtered history behind it), if anywhere. */
  cellHref?: (category: string, series: string) => string | undefined;
  /** The whole chart's history. */
  history?: { href: string; label: string };
}

// Okabe–Ito's colour-blind-safe eight, then darker and lighter companions.
const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
  "#004c7a",
  "#a36f00",
  "#006b4f",
  "#8f4f75",
  "#2f7ea6",
  "#963f00",
  "#9c9300",
  "#6b6b6b",
];

const WIDTH = 640;
const HEIGHT = 220;
const M = { top: 10, right: 8, bottom: 28, left: 44 };

const plain = (value: number) => value.toLocaleString("en-GB");

export function BarChart({
  id,
  title,
  description,
  categories,
  series,
  values,
  layout = "stacked",
  format = plain,
  cellHref,
  history,
}: BarChartProps) {
  const value = (c: string, s: string) => values[c]?.[s] ?? 0;
  const totals = categories.map((c) => series.reduce((sum, s) => sum + value(c.key, s.key), 0));
  const max =
    layout === "stacked"
      ? Math.max(0, ...totals)
      : Math.max(0, ...categories.flatMap((c) => series.map((s) => value(c.key, s.key))));
  const x = scaleBand<string>()
    .domain(categories.map((c) => c.key))
    .range([M.left, WIDTH - M.right])
    .padding(0.15);
  const y = scaleLinear()
    .domain([0, max || 1])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  const inner = scaleBand<string>()
    .domain(series.map((s) => s.key))
    .range([0, x.bandwidth()])
    .padding(0.05);
  const colour = (i: number) => PALETTE[i % PALETTE.length]!;
  const layers = stack<ChartCategory>()
    .keys(series.map((s) => s.key))
    .value((c, key) => value(c.key, key))([...categories]);
  // A label under every n-th bar, so that 30 or 365 days stay legible.
  const every = Math.max(1, Math.ceil(categories.length / 8));
  const empty = max === 0;

  return (
    <figure aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-600">{description}</p>
      {empty ? (
        <p className="mt-2 text-sm">Nothing in this period.</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            className="mt-2 h-auto w-full"
            role="img"
            aria-label={`${title}: a bar chart; the table below has its numbers.`}
          >
            {y.ticks(4).map((t) => (
              <g key={t}>
                <line x1={M.left} x2={WIDTH - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
                <text
                  x={M.left - 4}
                  y={y(t)}
                  textAnchor="end"
                  dominantBaseline="middle"
                  fontSize="11"
                  fill="#475569"
                >
                  {format(t)}
                </text>
              </g>
            ))}
            {layout === "stacked"
              ? layers.map((layer, i) =>
                  layer.map((point) => {
                    const key = point.data.key;
                    const height = y(point[0]) - y(point[1]);
                    return height > 0 ? (
                      <rect
                        key={`${layer.key}:${key}`}
                        x={x(key)}
                        y={y(point[1])}
                        width={x.bandwidth()}
                        height={height}
                        fill={colour(i)}
                      />
                    ) : null;
                  }),
                )
              : categories.flatMap((c) =>
                  series.map((s, i) => {
                    const v = value(c.key, s.key);
                    return v > 0 ? (
                      <rect
                        key={`${s.key}:${c.key}`}
                        x={(x(c.key) ?? 0) + (inner(s.key) ?? 0)}
                        y={y(v)}
                        width={inner.bandwidth()}
                        height={y(0) - y(v)}
                        fill={colour(i)}
                      />
                    ) : null;
                  }),
                )}
            {categories.map((c, i) =>
              i % every === 0 ? (
                <text
                  key={c.key}
                  x={(x(c.key) ?? 0) + x.bandwidth() / 2}
                  y={HEIGHT - M.bottom + 14}
                  textAnchor="middle"
                  fontSize="11"
                  fill="#475569"
                >
                  {c.label}
                </text>
              ) : null,
            )}
          </svg>
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Legend">
            {series.map((s, i) => (
              <li key={s.key} className="flex items-center gap-1">
                {/* A fill attribute, not a style: the content security policy allows no inline styles. */}
                <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
                  <rect width="12" height="12" rx="2" fill={colour(i)} />
                </svg>
                {s.label}
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="mt-2" data-testid={`${id}-table`}>
        <summary className="cursor-pointer text-sm font-semibold text-blue-800 underline">
          {title}: table
        </summary>
        <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={`${title}: table`}>
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1">
                  &nbsp;
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-2 py-1">
                    {s.label}
                  </th>
                ))}
                {layout === "stacked" ? (
                  <th scope="col" className="px-2 py-1">
                    Total
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {categories.map((c, ci) => (
                <tr key={c.key} data-category={c.key}>
                  <th scope="row" className="px-2 py-1 font-normal whitespace-nowrap">
                    {c.label}
                  </th>
                  {series.map((s) => {
                    const v = value(c.key, s.key);
                    const href = v > 0 ? cellHref?.(c.key, s.key) : undefined;
                    return (
                      <td key={s.key} className="px-2 py-1 tabular-nums" data-series={s.key}>
                        {href ? (
                          <Link href={href} className="text-blue-800 underline">
                            {format(v)}
                          </Link>
                        ) : (
                          format(v)
                        )}
                      </td>
                    );
                  })}
                  {layout === "stacked" ? (
                    <td className="px-2 py-1 tabular-nums" data-series="total">
                      {format(totals[ci] ?? 0)}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {history ? (
        <p className="mt-2 text-sm">
          <Link href={history.href} className="text-blue-800 underline">
            {history.label}
          </Link>
        </p>
      ) : null}
    </figure>
  );
}
