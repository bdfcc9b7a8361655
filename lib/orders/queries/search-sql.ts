import { ROW_ID_PATTERN } from "@/lib/db/keyset";
import { isStorableInstant } from "@/lib/filters/calendar-day";
import { Prisma } from "@/lib/generated/prisma/client";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import type { OrderSort, SortDirection } from "@/lib/orders/model/search-params";

// The order lists' sort keys for the keyset pagination of lib/db/keyset.ts. Each sort has a key that is unique per row (the sort
// column, then createdAt and id as tie-breakers) and a B-tree index with exactly those columns,
// so that "the rows after this key" is one index range scan: a page deep in a million orders
// costs what the first page costs, and rows arriving meanwhile are neither skipped nor repeated.
// The comparison is a row comparison, `(a, b, c) < ($1, $2, $3)`, which PostgreSQL turns into
// an index condition; the equivalent OR chain would only be a filter. One direction for all
// key columns, so a backward index scan serves the opposite order.

/** One row's sort key, as a cursor carries it. */
export interface OrderKeyRow {
  id: string;
  createdAt: Date;
  status: OrderStatus;
  productCode: number | null;
  externalOrderNumber: string;
}

type KeyValue = string | number;

interface SortKey {
  /** SQL expressions in index order (the index is named next to each sort). */
  columns: Prisma.Sql[];
  values(row: OrderKeyRow): KeyValue[];
  /** Typed SQL parameters for decoded cursor values, or null if they are malformed. */
  params(values: unknown[]): Prisma.Sql[] | null;
}

const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const createdAt = Prisma.sql`o."createdAt"`;
const id = Prisma.sql`o.id`;

// Timestamps travel as ISO strings: the column is `timestamp(3)` holding UTC, and a text cast
// ignores the "Z", so no session time zone can shift the comparison.
function tail(values: unknown[]): Prisma.Sql[] | null {
  const [at, rowId] = values;
  if (typeof at !== "string" || !ISO_PATTERN.test(at) || !isStorableInstant(at)) return null;
  if (typeof rowId !== "string" || !ROW_ID_PATTERN.test(rowId)) return null;
  return [Prisma.sql`${at}::timestamp(3)`, Prisma.sql`${rowId}`];
}

const SORT_KEYS: Record<OrderSort, SortKey> = {
  // "Order_createdAt_id_idx"
  created: {
    columns: [createdAt, id],
    values: (row) => [row.createdAt.toISOString(), row.id],
    params: (values) => (values.length === 2 ? tail(values) : null),
  },
  // "Order_status_createdAt_id_idx"; enum order is the lifecycle order of the schema.
  status: {
    columns: [Prisma.sql`o.status`, createdAt, id],
    values: (row) => [row.status, row.createdAt.toISOString(), row.id],
    params: ([status, ...rest]) => {
      const keys = rest.length === 2 ? tail(rest) : null;
      if (!keys || typeof status !== "string" || !Object.hasOwn(OrderStatus, status)) return null;
      return [Prisma.sql`${status}::"OrderStatus"`, ...keys];
    },
  },
  // "Order_productSort_idx", an expression index: a NULL product (an early draft) would break
  // the row comparison, so it sorts as 0, before every real product code.
  product: {
    columns: [Prisma.sql`COALESCE(o."productCode", 0)`, createdAt, id],
    values: (row) => [row.productCode ?? 0, row.createdAt.toISOString(), row.id],
    params: ([code, ...rest]) => {
      const keys = rest.length === 2 ? tail(rest) : null;
      if (!keys || typeof code !== "number" || !Number.isInteger(code) || code < 0 || code > 99_999)
        return null;
      return [Prisma.sql`${code}::int`, ...keys];
    },
  },
  // "Order_externalOrderNumber_key": unique by itself, so it needs no tie-breaker.
  external: {
    columns: [Prisma.sql`o."externalOrderNumber"`],
    values: (row) => [row.externalOrderNumber],
    params: ([external, ...rest]) =>
      rest.length === 0 && typeof external === "string" && external.length <= 64
        ? [Prisma.sql`${external}`]
        : null,
  },
};

/** Opaque URL-safe cursor naming the sort it belongs to and the key of a row. */
export function encodeCursor(sort: OrderSort, row: OrderKeyRow): string {
  return Buffer.from(JSON.stringify([sort, ...SORT_KEYS[sort].values(row)]), "utf8").toString("base64url");
}

/** The SQL parameters of a cursor for this sort, or null for anything else (then: first page). */
export function decodeCursor(sort: OrderSort, cursor: string | null | undefined): Prisma.Sql[] | null {
  if (!cursor || cursor.length > 400) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded[0] !== sort) return null;
  return SORT_KEYS[sort].params(decoded.slice(1));
}

/** `ORDER BY` for the sort, all key columns in one direction. */
export function orderByClause(sort: OrderSort, direction: SortDirection): Prisma.Sql {
  const dir = Prisma.raw(direction === "asc" ? "ASC" : "DESC");
  return Prisma.join(
    SORT_KEYS[sort].columns.map((column) => Prisma.sql`${column} ${dir}`),
    ", ",
  );
}

/** Rows strictly beyond the cursor when walking in `direction`. */
export function beyondCursor(sort: OrderSort, direction: SortDirection, params: Prisma.Sql[]): Prisma.Sql {
  const op = Prisma.raw(direction === "asc" ? ">" : "<");
  const columns = SORT_KEYS[sort].columns;
  if (columns.length === 1) return Prisma.sql`${columns[0]!} ${op} ${params[0]!}`;
  return Prisma.sql`(${Prisma.join(columns, ", ")}) ${op} (${Prisma.join(params, ", ")})`;
}

/**
 * The order's searchable text: external and Sectigo order numbers, organization and common name,
 * joined by a control character no search term can contain (the filter schema strips them), so a
 * term never matches across two fields. It must stay identical to the expression of the
 * trigram index "Order_searchText_trgm_idx" (migration 20261127215412_order_search_indexes), or
 * PostgreSQL cannot use that index. One index and one ILIKE per row instead of four: cheaper to
 * search and to maintain on insert.
 */
export const ORDER_SEARCH_TEXT = Prisma.sql`(o."externalOrderNumber" || E'\x1f' || COALESCE(o."sectigoOrderNumber", '') || E'\x1f' || COALESCE(o."organizationName", '') || E'\x1f' || COALESCE(o."commonName", ''))`;

/** Joins conditions with AND; no conditions means every row. */
export function allOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}
