import type { SoakReport } from "./core";

/** The p-th percentile (0-100) by nearest rank; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

const list = (record: Record<string, number>) =>
  Object.entries(record)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ") || "none";

/** The figures and the verdict of a soak, as printed lines. */
export function formatReport(report: SoakReport): string[] {
  const outcomes: Record<string, number> = {};
  for (const s of report.submissions) outcomes[s.outcome] = (outcomes[s.outcome] ?? 0) + 1;
  const accepted = outcomes.accepted ?? 0;
  const ms = (v: number) => (Number.isNaN(v) ? "n/a" : `${Math.round(v)} ms`);
  const injected = report.faultsInjected;
  const lines = [
    `customers:             ${report.customers}`,
    `load:                  ${report.loadSeconds.toFixed(1)} s, then ${report.drainSeconds.toFixed(1)} s drain`,
    `orders submitted:      ${report.submissions.length} (${list(outcomes)})`,
    `throughput:            ${(accepted / report.loadSeconds).toFixed(2)} accepted submits/s`,
    `submit latency:        p50 ${ms(percentile(report.submitLatencyMs, 50))}, p95 ${ms(percentile(report.submitLatencyMs, 95))}, max ${ms(percentile(report.submitLatencyMs, 100))}`,
    `orders by status:      ${list(report.byStatus)}`,
    `faults injected:       ${injected ? `${Object.values(injected).reduce((a, b) => a + b, 0)} (${list(injected)})` : "not counted by this sandbox"}`,
  ];
  if (report.attempts) {
    lines.push(
      `sends to the CA:       ${list(report.attempts.byTrigger)}`,
      `failed sends recorded: ${list(report.attempts.failures)}`,
    );
  }
  lines.push(
    `CA orders:             ${report.caOrders}, duplicates ${report.duplicates}`,
    `portal HTTP statuses:  ${list(report.httpStatuses)}; 5xx: ${report.serverErrors}`,
    "",
    "invariants:",
  );
  for (const c of report.checks) {
    lines.push(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}`);
    for (const p of c.problems.slice(0, 20)) lines.push(`         ${p}`);
    if (c.problems.length > 20) lines.push(`         … and ${c.problems.length - 20} more`);
  }
  lines.push("", report.ok ? "soak passed" : "soak FAILED");
  return lines;
}
