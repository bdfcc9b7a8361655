import "server-only";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { EXTERNAL_ORDER_NUMBER_PATTERN } from "@/lib/orders/external-number";
import {
  defaultDirection,
  type AdminOrderFilters,
  type CustomerOrderFilters,
  type OrderSort,
  type SortDirection,
} from "@/lib/orders/search-params";
import {
  allOf,
  beyondCursor,
  containsPattern,
  decodeCursor,
  ORDER_SEARCH_TEXT,
  encodeCursor,
  orderByClause,
  type OrderKeyRow,
} from "@/lib/orders/search-sql";
import type { SessionUser } from "@/lib/users/data";

export const ORDER_PAGE_SIZE = 50;

/** Raw cursors from the query string: `after` walks on in the sort order, `before` walks back. */
export interface PageRequest {
  after?: string | null;
  before?: string | null;
}

export interface OrderPage<T> {
  rows: T[];
  /** Cursor of the next page, or null on the last one. */
  after: string | null;
  /** Cursor of the previous page, or null on the first one. */
  before: string | null;
}

const customerRowSelect = {
  id: true,
  externalOrderNumber: true,
  sectigoOrderNumber: true,
  productCode: true,
  status: true,
  organizationName: true,
  commonName: true,
  test: true,
  createdAt: true,
  updatedAt: true,
} as const;

const adminRowSelect = { ...customerRowSelect, owner: { select: { email: true } } } as const;

export type CustomerOrderRow = Prisma.OrderGetPayload<{ select: typeof customerRowSelect }>;
export type AdminOrderRow = Prisma.OrderGetPayload<{ select: typeof adminRowSelect }>;

/** Refuses anyone but an administrator: every customer's orders are in these lists. */
export function assertAdmin(user: SessionUser): void {
  if (user.role !== "ADMIN") throw new Error("Only administrators can list and export all orders.");
}

// A customer-email search first looks the customers up (a small table with a trigram index), so
// the order query can combine every search column in one bitmap scan. When very many customers
// match, the term is so broad that walking the sort index and filtering is the faster plan.
const OWNER_ID_LIST_LIMIT = 500;

async function searchCondition(prisma: PrismaClient, q: string, scope: "all" | "numbers"): Promise<Prisma.Sql> {
  // A complete external order number is unique: one index lookup instead of a substring search.
  if (EXTERNAL_ORDER_NUMBER_PATTERN.test(q.toUpperCase())) {
    return Prisma.sql`o."externalOrderNumber" = ${q.toUpperCase()}`;
  }
  const pattern = containsPattern(q);
  if (scope === "numbers") {
    return Prisma.sql`(o."externalOrderNumber" ILIKE ${pattern} OR o."sectigoOrderNumber" ILIKE ${pattern})`;
  }
  // Only an e-mail address contains "@": such a term skips the order text, which would cost an
  // ILIKE per row scanned without ever matching.
  const matches = q.includes("@") ? [] : [Prisma.sql`${ORDER_SEARCH_TEXT} ILIKE ${pattern}`];
  // E-mail addresses are stored lower-cased, so LIKE on the lower-cased term suffices.
  const emailPattern = pattern.toLowerCase();
  const owners = await prisma.$queryRaw<{ id: string }[]>`
    SELECT u.id FROM "User" u WHERE u.email LIKE ${emailPattern} LIMIT ${OWNER_ID_LIST_LIMIT + 1}`;
  if (owners.length > OWNER_ID_LIST_LIMIT) {
    matches.push(Prisma.sql`o."ownerId" IN (SELECT u.id FROM "User" u WHERE u.email LIKE ${emailPattern})`);
  } else if (owners.length) {
    matches.push(Prisma.sql`o."ownerId" = ANY(${owners.map((o) => o.id)}::text[])`);
  }
  return matches.length ? Prisma.sql`(${Prisma.join(matches, " OR ")})` : Prisma.sql`FALSE`;
}

function dayStart(day: string, plusDays = 0): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();
}

async function adminConditions(prisma: PrismaClient, filters: AdminOrderFilters): Promise<Prisma.Sql[]> {
  const where: Prisma.Sql[] = [];
  if (filters.status) where.push(Prisma.sql`o.status = ${filters.status}::"OrderStatus"`);
  if (filters.product) where.push(Prisma.sql`o."productCode" = ${filters.product}::int`);
  // An unknown address yields NULL, which matches nothing: the list is then empty, never unfiltered.
  if (filters.customer)
    where.push(Prisma.sql`o."ownerId" = (SELECT u.id FROM "User" u WHERE u.email = ${filters.customer})`);
  if (filters.from) where.push(Prisma.sql`o."createdAt" >= ${dayStart(filters.from)}::timestamp(3)`);
  if (filters.to) where.push(Prisma.sql`o."createdAt" < ${dayStart(filters.to, 1)}::timestamp(3)`);
  if (filters.mode) where.push(Prisma.sql`o.test = ${filters.mode === "test"}`);
  if (filters.q) where.push(await searchCondition(prisma, filters.q, "all"));
  return where;
}

async function customerConditions(
  prisma: PrismaClient,
  user: SessionUser,
  filters: CustomerOrderFilters,
): Promise<Prisma.Sql[]> {
  // Ownership first and unconditionally: whatever else is asked, only the caller's own orders.
  const where = [Prisma.sql`o."ownerId" = ${user.id}`, Prisma.sql`o.status <> 'DRAFT'::"OrderStatus"`];
  if (filters.status) where.push(Prisma.sql`o.status = ${filters.status}::"OrderStatus"`);
  if (filters.product) where.push(Prisma.sql`o."productCode" = ${filters.product}::int`);
  if (filters.q) where.push(await searchCondition(prisma, filters.q, "numbers"));
  return where;
}

interface KeysetRequest {
  where: Prisma.Sql[];
  sort: OrderSort;
  direction: SortDirection;
  page: PageRequest;
  size: number;
}

/** One page of matching ids in sort order, plus whether rows exist beyond each end. */
async function keysetPage(prisma: PrismaClient, request: KeysetRequest) {
  const { sort, direction, page, size } = request;
  const before = decodeCursor(sort, page.before);
  const after = before ? null : decodeCursor(sort, page.after);
  // Walking back means reading the opposite order from the cursor, then reversing the rows.
  const walk: SortDirection = before ? (direction === "asc" ? "desc" : "asc") : direction;
  const cursor = before ?? after;
  const where = cursor ? [...request.where, beyondCursor(sort, walk, cursor)] : request.where;
  const fetched = await prisma.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "Order" o WHERE ${allOf(where)}
    ORDER BY ${orderByClause(sort, walk)} LIMIT ${size + 1}`;
  const more = fetched.length > size;
  const ids = fetched.slice(0, size).map((row) => row.id);
  if (before) ids.reverse();
  return { ids, hasNext: before ? true : more, hasPrevious: before ? more : after !== null };
}

// The columns a cursor is made of: every select used with listPage includes them.
const keySelect = { id: true, createdAt: true, status: true, productCode: true, externalOrderNumber: true } as const;
type KeyedSelect = typeof keySelect & Prisma.OrderSelect;
type RowOf<S extends KeyedSelect> = Prisma.OrderGetPayload<{ select: S }>;

async function listPage<S extends KeyedSelect>(
  prisma: PrismaClient,
  request: KeysetRequest,
  select: S,
): Promise<OrderPage<RowOf<S>>> {
  const { ids, hasNext, hasPrevious } = await keysetPage(prisma, request);
  const found = ids.length ? await prisma.order.findMany({ where: { id: { in: ids } }, select }) : [];
  // Keep the page's order; a row deleted between the two queries (a discarded draft) drops out.
  const byId = new Map(found.map((row) => [(row as unknown as OrderKeyRow).id, row as RowOf<S>]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const first = rows[0] as OrderKeyRow | undefined;
  const last = rows.at(-1) as OrderKeyRow | undefined;
  return {
    rows,
    after: hasNext && last ? encodeCursor(request.sort, last) : null,
    before: hasPrevious && first ? encodeCursor(request.sort, first) : null,
  };
}

/** Every order matching the filters, in the chosen sort, one keyset page at a time: admins only. */
export async function listAdminOrders(
  user: SessionUser,
  filters: AdminOrderFilters,
  page: PageRequest = {},
  size = ORDER_PAGE_SIZE,
): Promise<OrderPage<AdminOrderRow>> {
  assertAdmin(user);
  const prisma = await db();
  const where = await adminConditions(prisma, filters);
  const direction = filters.dir ?? defaultDirection(filters.sort);
  return listPage(prisma, { where, sort: filters.sort, direction, page, size }, adminRowSelect);
}

/** The caller's own submitted orders (drafts excluded), newest first, one keyset page at a time. */
export async function listCustomerOrders(
  user: SessionUser,
  filters: CustomerOrderFilters,
  page: PageRequest = {},
  size = ORDER_PAGE_SIZE,
): Promise<OrderPage<CustomerOrderRow>> {
  const prisma = await db();
  const where = await customerConditions(prisma, user, filters);
  return listPage(prisma, { where, sort: "created", direction: "desc", page, size }, customerRowSelect);
}

/** The caller's own drafts, newest first. */
export async function listCustomerDrafts(user: SessionUser, take = 50): Promise<CustomerOrderRow[]> {
  const prisma = await db();
  return prisma.order.findMany({
    where: { ownerId: user.id, status: "DRAFT" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: customerRowSelect,
  });
}

/** Whether the caller has any order at all (drafts included), for the empty state. */
export async function hasAnyOwnOrder(user: SessionUser): Promise<boolean> {
  const prisma = await db();
  return (await prisma.order.findFirst({ where: { ownerId: user.id }, select: { id: true } })) !== null;
}

/**
 * Every order matching the filters, in batches of `batchSize` (keyset, never OFFSET, so memory
 * and time per batch stay flat however long the list): admins only. Used by the CSV export.
 */
export async function* adminOrderBatches<S extends KeyedSelect>(
  user: SessionUser,
  filters: AdminOrderFilters,
  select: S,
  batchSize = 1_000,
): AsyncGenerator<RowOf<S>[]> {
  assertAdmin(user);
  const prisma = await db();
  const where = await adminConditions(prisma, filters);
  const direction = filters.dir ?? defaultDirection(filters.sort);
  let after: string | null = null;
  do {
    const page: OrderPage<RowOf<S>> = await listPage(
      prisma,
      { where, sort: filters.sort, direction, page: { after }, size: batchSize },
      select,
    );
    if (page.rows.length) yield page.rows;
    after = page.after;
  } while (after);
}
