import { z } from "zod";
import { calendarDaySchema } from "@/lib/filters/calendar-day";
import { PRODUCT_CODES } from "@/lib/sectigo/products";

// The dashboard's filters, from the address (a GET form): a period of calendar days (UTC) and
// optionally one product. Without a period, the last 30 days up to today.

export const DEFAULT_DAYS = 30;
/** Longer periods would draw thousands of daily bars; the order history covers the rest. */
export const MAX_DAYS = 366;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const dashboardFiltersSchema = z
  .object({
    from: z.preprocess(blank, calendarDaySchema.optional()),
    to: z.preprocess(blank, calendarDaySchema.optional()),
    product: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^\d{3}$/, "Choose a product from the list.")
        .transform(Number)
        .refine(
          (code) => (PRODUCT_CODES as readonly number[]).includes(code),
          "Choose a product from the list.",
        )
        .optional(),
    ),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "The end date is before the start date.",
  });

export interface DashboardPeriod {
  /** First day, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  product?: number;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => day(new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000));

/** The period the filters name, defaults filled in and at most MAX_DAYS long (the end kept). */
export function periodOf(
  filters: z.output<typeof dashboardFiltersSchema>,
  today = new Date(),
): DashboardPeriod {
  let to = filters.to ?? day(today);
  if (filters.from && filters.from > to) to = filters.from;
  const earliest = addDays(to, -(MAX_DAYS - 1));
  const asked = filters.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  const from = asked < earliest ? earliest : asked;
  return { from, to, ...(filters.product ? { product: filters.product } : {}) };
}

/** The days of the period, in order. */
export function daysOf(period: DashboardPeriod): string[] {
  const days: string[] = [];
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Start of the period and of the day after it, as UTC instants. */
export function boundsOf(period: DashboardPeriod): { start: Date; end: Date } {
  return { start: new Date(`${period.from}T00:00:00Z`), end: new Date(`${addDays(period.to, 1)}T00:00:00Z`) };
}

/** The admin order history behind a chart: the period, the product, and what else it names. */
export function historyHref(period: DashboardPeriod, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  if (period.product) params.set("product", String(period.product));
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
  return `/admin/orders?${params.toString()}`;
}
