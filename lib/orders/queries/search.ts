import "server-only";
import { ADMIN, assertRole, STAFF } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { memberCan, ownOrders } from "@/lib/orders/queries/access";
import { APPROVAL_STEPS } from "@/lib/orders/approval/events";
import { resolvePage, slicePage, withCursors, type Page, type PageRequest } from "@/lib/db/keyset";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import {
  adminConditions,
  customerConditions,
  type OrderConditions,
} from "@/lib/orders/queries/search-conditions";
import {
  defaultDirection,
  type AdminOrderFilters,
  type CustomerOrderFilters,
  type OrderSort,
  type SortDirection,
} from "@/lib/orders/model/search-params";
import {
  allOf,
  beyondCursor,
  decodeCursor,
  encodeCursor,
  orderByClause,
  type OrderKeyRow,
} from "@/lib/orders/queries/search-sql";
import { ORDER_ROW } from "@/lib/orders/queries/selects";
import type { SessionUser } from "@/lib/users/data";

export const ORDER_PAGE_SIZE = 50;

// Customers see whose order it is: the organization and who requested it.
const customerRowSelect = {
  ...ORDER_ROW,
  organization: { select: { name: true, personal: true } },
  owner: { select: { name: true } },
} as const;

const adminRowSelect = { ...ORDER_ROW, owner: { select: { email: true } } } as const;

/** The admin's history also shows the quoted net price and Sectigo's cost (for the margin). */
const adminHistorySelect = {
  ...adminRowSelect,
  quoteNet: true,
  quoteCurrency: true,
  quoteReverseCharge: true,
  totalCost: true,
} as const;

export type CustomerOrderRow = Prisma.OrderGetPayload<{ select: typeof customerRowSelect }>;
export type AdminOrderRow = Prisma.OrderGetPayload<{ select: typeof adminRowSelect }>;
export type AdminHistoryRow = Prisma.OrderGetPayload<{ select: typeof adminHistorySelect }>;

interface KeysetRequest extends OrderConditions {
  sort: OrderSort;
  direction: SortDirection;
  page: PageRequest;
  size: number;
}

/** One page of matching ids in sort order, plus whether rows exist beyond each end. */
async function keysetPage(prisma: PrismaClient, request: KeysetRequest) {
  const { sort, direction, page, size } = request;
  const walk = resolvePage(page, (cursor) => decodeCursor(sort, cursor));
  // Walking back means reading the opposite order from the cursor; slicePage reverses the rows.
  const order: SortDirection = walk.backward ? (direction === "asc" ? "desc" : "asc") : direction;
  const where = walk.key ? [...request.where, beyondCursor(sort, order, walk.key)] : request.where;
  const fetched = request.search
    ? await searchPage(prisma, where, request.search, orderByClause(sort, order), size + 1)
    : await prisma.$queryRaw<{ id: string }[]>`
        SELECT o.id FROM "Order" o WHERE ${allOf(where)}
        ORDER BY ${orderByClause(sort, order)} LIMIT ${size + 1}`;
  return slicePage(
    walk,
    size,
    fetched.map((row) => row.id),
  );
}

/** Candidates a substring search reads in sort order before it turns to the trigram index. */
export const SEARCH_WALK_BUDGET = 2_000;

/**
 * The first `limit` ids matching a substring search, in sort order. A common term ("GmbH") is
 * found fastest by walking the sort index and testing each row; a rare one ("Krone Labs") by the
 * trigram index, then sorting the few matches. PostgreSQL picks between the two from its estimate
 * of how many rows match, which for a substring is coarse: at a million orders it walked 116,000
 * rows (160 ms) for a name that 140 orders carry. So the choice is made from the data instead:
 * the newest SEARCH_WALK_BUDGET candidates are tested first, and if they hold a full page, that
 * page is the answer (they are a prefix of all candidates in the same order). Otherwise the term
 * is rare, and the query runs again with plain index scans (the walk) disabled for this one
 * transaction, leaving the planner the bitmap scans.
 */
async function searchPage(
  prisma: PrismaClient,
  where: Prisma.Sql[],
  search: Prisma.Sql,
  orderBy: Prisma.Sql,
  limit: number,
): Promise<{ id: string }[]> {
  const walked = await prisma.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM (
      SELECT * FROM "Order" o WHERE ${allOf(where)} ORDER BY ${orderBy} LIMIT ${SEARCH_WALK_BUDGET}
    ) o
    WHERE ${search} ORDER BY ${orderBy} LIMIT ${limit}`;
  if (walked.length === limit) return walked;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_indexscan = off`;
    return tx.$queryRaw<{ id: string }[]>`
      SELECT o.id FROM "Order" o WHERE ${allOf([...where, search])} ORDER BY ${orderBy} LIMIT ${limit}`;
  });
}

// The columns a cursor is made of: every select used with listPage includes them.
type KeyedSelect = {
  id: true;
  createdAt: true;
  status: true;
  productCode: true;
  externalOrderNumber: true;
} & Prisma.OrderSelect;
type RowOf<S extends KeyedSelect> = Prisma.OrderGetPayload<{ select: S }>;

async function listPage<S extends KeyedSelect>(
  prisma: PrismaClient,
  request: KeysetRequest,
  select: S,
): Promise<Page<RowOf<S>>> {
  const { rows: ids, ...ends } = await keysetPage(prisma, request);
  const found = ids.length ? await prisma.order.findMany({ where: { id: { in: ids } }, select }) : [];
  // Keep the page's order; a row deleted between the two queries (a discarded draft) drops out.
  const byId = new Map(found.map((row) => [(row as unknown as OrderKeyRow).id, row as RowOf<S>]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  return withCursors(rows, ends, (row) => encodeCursor(request.sort, row as unknown as OrderKeyRow));
}

/** Every order matching the filters, in the chosen sort, one keyset page at a time: admins only. */
export async function listAdminOrders(
  user: SessionUser,
  filters: AdminOrderFilters,
  page: PageRequest = {},
  size = ORDER_PAGE_SIZE,
): Promise<Page<AdminHistoryRow>> {
  // Every customer's orders are in these lists.
  assertRole(user, ADMIN, "list and export all orders");
  const prisma = await db();
  const conditions = await adminConditions(prisma, filters);
  const direction = filters.dir ?? defaultDirection(filters.sort);
  return listPage(prisma, { ...conditions, sort: filters.sort, direction, page, size }, adminHistorySelect);
}

/**
 * Any customer's orders matching a search (order number, Sectigo number, organization, customer
 * e-mail), newest first: how support finds an order a customer asks about. Staff only; the rows
 * carry no price.
 */
export async function findOrdersForStaff(
  user: SessionUser,
  filters: Pick<AdminOrderFilters, "q">,
  size = 20,
): Promise<AdminOrderRow[]> {
  assertRole(user, STAFF, "search all orders");
  const prisma = await db();
  const conditions = await adminConditions(prisma, { q: filters.q, sort: "created" });
  const page = await listPage(
    prisma,
    { ...conditions, sort: "created", direction: "desc", page: {}, size },
    adminRowSelect,
  );
  return page.rows;
}

/** The caller's own submitted orders (drafts excluded), newest first, one keyset page at a time. */
export async function listCustomerOrders(
  user: SessionUser,
  filters: CustomerOrderFilters,
  page: PageRequest = {},
  size = ORDER_PAGE_SIZE,
): Promise<Page<CustomerOrderRow>> {
  const prisma = await db();
  const conditions = await customerConditions(prisma, user, filters);
  return listPage(
    prisma,
    { ...conditions, sort: "created", direction: "desc", page, size },
    customerRowSelect,
  );
}

const APPROVAL_KINDS = Object.values(APPROVAL_STEPS).map((s) => s.kind);

/**
 * The caller's own drafts, newest first; `rejected` when the last approval step was an approver's
 * rejection (the list says so, the order page says why).
 */
export async function listCustomerDrafts(
  user: SessionUser,
  take = 50,
): Promise<(CustomerOrderRow & { rejected: boolean })[]> {
  const prisma = await db();
  const rows = await prisma.order.findMany({
    // The drafts they wrote, while they may still request for the draft's organization.
    where: ownOrders(user, { status: "DRAFT" }),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      ...customerRowSelect,
      events: {
        where: { kind: { in: APPROVAL_KINDS } },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: 1,
        select: { kind: true },
      },
    },
  });
  return rows.map(({ events, ...row }) => ({
    ...row,
    rejected: events[0]?.kind === APPROVAL_STEPS.rejected.kind,
  }));
}

/** Whether the order list has anything to show (drafts included), for its empty state. */
export async function hasAnyListedOrder(user: SessionUser): Promise<boolean> {
  const prisma = await db();
  const found = await prisma.order.findFirst({
    // The two lists of the page: the user's drafts, and their organizations' submitted orders
    // (a viewer or approver may have none of their own yet see the company's).
    where: {
      OR: [
        ownOrders(user, { status: "DRAFT" }),
        { AND: [{ status: { not: "DRAFT" } }, memberCan(user, "read")] },
      ],
    },
    select: { id: true },
  });
  return found !== null;
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
  assertRole(user, ADMIN, "list and export all orders");
  const prisma = await db();
  const conditions = await adminConditions(prisma, filters);
  const direction = filters.dir ?? defaultDirection(filters.sort);
  let after: string | null = null;
  do {
    const page: Page<RowOf<S>> = await listPage(
      prisma,
      { ...conditions, sort: filters.sort, direction, page: { after }, size: batchSize },
      select,
    );
    if (page.rows.length) yield page.rows;
    after = page.after;
  } while (after);
}
