import { request } from "undici";
import type { CheckResult } from "./invariants";

// The portal's own counters (/metrics, Prometheus's text format) against the soak's counts: what
// a monitoring system would have seen must be what happened. Read before the first request of the
// soak and after the drain; only the difference is compared.

export type Samples = Map<string, number>;

/** `name{a="b",…} value` lines into a map keyed by the line's series (comments skipped). */
export function parseMetrics(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
}

export async function scrapeMetrics(baseUrl: string, token: string): Promise<Samples> {
  const answer = await request(new URL("/metrics", baseUrl), {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await answer.body.text();
  if (answer.statusCode !== 200) throw new Error(`/metrics answered ${answer.statusCode}`);
  return parseMetrics(text);
}

function labelsOf(series: string): Record<string, string> {
  const open = series.indexOf("{");
  if (open < 0) return {};
  return Object.fromEntries(
    [...series.slice(open + 1, -1).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** The sum of a metric's series whose labels pass `keep`, grouped by the label `by` (or "all"). */
export function sumBy(
  samples: Samples,
  name: string,
  by: string | null,
  keep: (labels: Record<string, string>) => boolean = () => true,
): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const [series, value] of samples) {
    if (series !== name && !series.startsWith(`${name}{`)) continue;
    const labels = labelsOf(series);
    if (!keep(labels)) continue;
    const key = by ? (labels[by] ?? "") : "all";
    sums[key] = (sums[key] ?? 0) + value;
  }
  return sums;
}

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const d = (after[key] ?? 0) - (before[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

export interface SoakCounts {
  /** Orders of the soak that Sectigo has (PLACED, ISSUED, …), by the portal's database. */
  ordersAtCa: number;
  /** The order statuses that count as "at the CA". */
  atCaStatuses: readonly string[];
  /** Sends to !AutoApplyOrder the portal recorded for the soak's orders, by HTTP status class
   * ("2xx", "5xx") or, without an answer, "no answer"; null when the source cannot tell. */
  sends: Record<string, number> | null;
  /** Every HTTP answer the soak's clients got, by status code. */
  httpStatuses: Record<string, number>;
}

const sorted = (r: Record<string, number>) =>
  JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))));

/** The check: each counter's change over the soak equals the soak's own count. */
export function compareMetrics(before: Samples, after: Samples, counts: SoakCounts): CheckResult {
  const problems: string[] = [];
  const atCa = (s: Samples) =>
    sumBy(s, "portal_orders", null, (l) => counts.atCaStatuses.includes(l.status ?? "")).all ?? 0;
  const orders = atCa(after) - atCa(before);
  if (orders !== counts.ordersAtCa)
    problems.push(`orders at Sectigo: /metrics says ${orders} more, the soak counted ${counts.ordersAtCa}`);

  if (counts.sends) {
    const order = (l: Record<string, string>) => l.endpoint === "!AutoApplyOrder";
    const calls = delta(
      sumBy(after, "portal_sectigo_calls_total", "outcome", order),
      sumBy(before, "portal_sectigo_calls_total", "outcome", order),
    );
    // Without an answer the metric names why (timeout, network, aborted); the soak's record does not.
    const byClass: Record<string, number> = {};
    for (const [outcome, n] of Object.entries(calls)) {
      const key = /^\dxx$/.test(outcome) ? outcome : "no answer";
      byClass[key] = (byClass[key] ?? 0) + n;
    }
    if (sorted(byClass) !== sorted(counts.sends))
      problems.push(
        `Sectigo calls by outcome: /metrics ${sorted(byClass)}, the soak ${sorted(counts.sends)}`,
      );
  }

  const notScrape = (l: Record<string, string>) => l.route !== "/metrics";
  const http = delta(
    sumBy(after, "portal_http_requests_total", "status", notScrape),
    sumBy(before, "portal_http_requests_total", "status", notScrape),
  );
  if (sorted(http) !== sorted(counts.httpStatuses))
    problems.push(
      `HTTP requests by status: /metrics ${sorted(http)}, the soak ${sorted(counts.httpStatuses)}`,
    );
  return { name: "the portal's /metrics agree with the soak's counts", ok: problems.length === 0, problems };
}
