// Order statistics for the benchmark figures. Percentiles interpolate linearly between the two
// nearest ranks (the "R-7" rule of spreadsheets and NumPy), so p50 of an even count is the mean
// of the middle two.

function sorted(values: readonly number[]): number[] {
  if (!values.length) throw new Error("No measurements to summarise.");
  return [...values].sort((a, b) => a - b);
}

/** The p-th percentile (0–100) of the values. */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  const rank = ((s.length - 1) * p) / 100;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return s[low]! + (s[high]! - s[low]!) * (rank - low);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Times an async call in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** A number for the report: three significant digits, never scientific notation. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return Math.round(value).toLocaleString("en-US");
  const decimals = abs === 0 ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return value.toFixed(Math.min(decimals, 3));
}
