import { z } from "zod";
import { calendarDaySchema } from "@/lib/filters/calendar-day";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { PRODUCT_CODES } from "@/lib/sectigo/products";

// The order lists' filters arrive as query-string values (GET forms, so they work without
// JavaScript and can be bookmarked). These schemas are the one definition of a valid filter,
// used by the pages, the CSV export and the data functions alike.

export const ORDER_SORTS = ["created", "status", "product", "external"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** Newest first for dates; A to Z (lifecycle order for status) for everything else. */
export function defaultDirection(sort: OrderSort): SortDirection {
  return sort === "created" ? "desc" : "asc";
}

/** Substring search needs three characters: pg_trgm indexes cannot serve shorter patterns. */
export const SEARCH_MIN_LENGTH = 3;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

// Control characters never belong in a search, and one of them separates the searched fields.
const search = z
  .string()
  .transform((v) =>
    v
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  )
  .pipe(
    z
      .string()
      .min(SEARCH_MIN_LENGTH, `Enter at least ${SEARCH_MIN_LENGTH} characters to search.`)
      .max(100, "Search for at most 100 characters."),
  );

const status = z.enum(OrderStatus, "Choose a status from the list.");

const product = z
  .string()
  .trim()
  .regex(/^\d{3}$/, "Choose a product from the list.")
  .transform(Number)
  .refine((code) => (PRODUCT_CODES as readonly number[]).includes(code), "Choose a product from the list.");

const email = z
  .string()
  .trim()
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email("Enter the customer's full e-mail address."))
  .transform((v) => v.toLowerCase());

const sortFields = {
  sort: z.enum(ORDER_SORTS).catch("created"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
};

export const adminOrderFiltersSchema = z
  .object({
    q: optional(search),
    status: optional(status),
    product: optional(product),
    customer: optional(email),
    from: optional(calendarDaySchema),
    to: optional(calendarDaySchema),
    mode: optional(z.enum(["test", "live"], "Choose test or live orders.")),
    ...sortFields,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "The end date is before the start date.",
  });

export type AdminOrderFilters = z.output<typeof adminOrderFiltersSchema>;

/** Staff find any order by number, organization or customer e-mail (support's "Find an order"). */
export const staffOrderSearchSchema = z.object({ q: optional(search) });

/** Customers search their own orders by external or Sectigo order number, newest first. */
export const customerOrderFiltersSchema = z.object({
  q: optional(search),
  status: optional(status.refine((s) => s !== "DRAFT", "Drafts are listed separately.")),
  product: optional(product),
});

export type CustomerOrderFilters = z.output<typeof customerOrderFiltersSchema>;

export const ADMIN_FILTER_KEYS = ["q", "status", "product", "customer", "from", "to", "mode"] as const;
export const CUSTOMER_FILTER_KEYS = ["q", "status", "product"] as const;

export type RawParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The query-string values by name (first value of repeated keys), as typed by the user. */
export function rawValues<K extends string>(
  params: RawParams,
  keys: readonly K[],
): Partial<Record<K, string>> {
  return Object.fromEntries(keys.map((k) => [k, first(params[k])])) as Partial<Record<K, string>>;
}

/**
 * Applies the valid filters and reports the invalid ones, instead of discarding the whole query
 * (or, worse, silently listing everything as if the bad filter had not been typed).
 */
export function parseFilters<S extends z.ZodType<object>>(
  schema: S,
  raw: Record<string, string | undefined>,
): { filters: z.output<S>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const attempt = schema.safeParse(raw);
  if (attempt.success) return { filters: attempt.data, errors };
  const rest = { ...raw };
  for (const issue of attempt.error.issues) {
    const key = String(issue.path[0] ?? "");
    errors[key] ??= issue.message;
    delete rest[key];
  }
  const retry = schema.safeParse(rest);
  if (retry.success) return { filters: retry.data, errors };
  // Cannot happen with these schemas (every field is optional), but never widen on failure.
  throw new Error("Order filters could not be parsed.");
}

/** Whether any filter (not the sort) narrows the list. */
export function isFiltered(filters: Partial<Record<string, unknown>>, keys: readonly string[]): boolean {
  return keys.some((k) => filters[k] !== undefined);
}

/** Rows per page an admin may choose; anything else falls back to the default. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

export function pageSizeOf(raw: string | undefined): number {
  const size = Number(raw);
  return (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
}
