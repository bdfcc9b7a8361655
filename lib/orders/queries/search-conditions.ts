import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { EXTERNAL_ORDER_NUMBER_PATTERN } from "@/lib/orders/model/external-number";
import type { AdminOrderFilters, CustomerOrderFilters } from "@/lib/orders/model/search-params";
import { containsPattern } from "@/lib/db/like";
import { ORDER_SEARCH_TEXT } from "@/lib/orders/queries/search-sql";
import { STATUS_LABELS } from "@/lib/orders/model/status";
import type { SessionUser } from "@/lib/users/data";
import { rolesFor } from "@/lib/organizations/permissions";

// The WHERE conditions of the order lists, built from validated filters. Every value travels as a
// query parameter; only fixed column names are spliced into the SQL.

// A customer-email search first looks the customers up (a small table with a trigram index), so
// the order query can combine every search column in one bitmap scan. When very many customers
// match, the term is so broad that walking the sort index and filtering is the faster plan.
const OWNER_ID_LIST_LIMIT = 500;

/**
 * The conditions of an order list: `where` for what an index finds directly (owner, status,
 * product, dates, a complete order number), `search` for a substring search or null. A substring
 * search is kept apart because the best way to run it depends on how common the term is, which
 * PostgreSQL estimates poorly (see keysetPage in lib/orders/queries/search.ts).
 */
export interface OrderConditions {
  where: Prisma.Sql[];
  search: Prisma.Sql | null;
}

async function searchCondition(
  prisma: PrismaClient,
  q: string,
  scope: "all" | "numbers",
): Promise<Partial<OrderConditions>> {
  // A complete external order number is unique: one index lookup instead of a substring search.
  if (EXTERNAL_ORDER_NUMBER_PATTERN.test(q.toUpperCase())) {
    return { where: [Prisma.sql`o."externalOrderNumber" = ${q.toUpperCase()}`] };
  }
  const pattern = containsPattern(q);
  if (scope === "numbers") {
    return {
      search: Prisma.sql`(o."externalOrderNumber" ILIKE ${pattern} OR o."sectigoOrderNumber" ILIKE ${pattern})`,
    };
  }
  // Only an e-mail address contains "@": such a term skips the order text, which would cost an
  // ILIKE per row scanned without ever matching.
  const matches = q.includes("@") ? [] : [Prisma.sql`${ORDER_SEARCH_TEXT} ILIKE ${pattern}`];
  // E-mail addresses are stored lower-cased, so LIKE on the lower-cased term suffices. A term
  // with a space ("Acme Trust GmbH") is in no address: it skips the lookup.
  const emailPattern = pattern.toLowerCase();
  const owners = /\s/.test(q)
    ? []
    : await prisma.$queryRaw<{ id: string }[]>`
        SELECT u.id FROM "User" u WHERE u.email LIKE ${emailPattern} LIMIT ${OWNER_ID_LIST_LIMIT + 1}`;
  if (owners.length > OWNER_ID_LIST_LIMIT) {
    matches.push(Prisma.sql`o."ownerId" IN (SELECT u.id FROM "User" u WHERE u.email LIKE ${emailPattern})`);
  } else if (owners.length) {
    matches.push(Prisma.sql`o."ownerId" IN (${Prisma.join(owners.map((o) => o.id))})`);
  }
  return matches.length
    ? { search: Prisma.sql`(${Prisma.join(matches, " OR ")})` }
    : { where: [Prisma.sql`FALSE`] };
}

async function withSearch(
  prisma: PrismaClient,
  where: Prisma.Sql[],
  q: string | undefined,
  scope: "all" | "numbers",
): Promise<OrderConditions> {
  if (!q) return { where, search: null };
  const found = await searchCondition(prisma, q, scope);
  return { where: [...where, ...(found.where ?? [])], search: found.search ?? null };
}

function dayStart(day: string, plusDays = 0): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();
}

/** The admin list's filters and search as SQL conditions on `"Order" o`. */
export async function adminConditions(
  prisma: PrismaClient,
  filters: AdminOrderFilters,
): Promise<OrderConditions> {
  const where: Prisma.Sql[] = [];
  if (filters.status) where.push(Prisma.sql`o.status = ${filters.status}::"OrderStatus"`);
  if (filters.product) where.push(Prisma.sql`o."productCode" = ${filters.product}::int`);
  // An unknown address yields NULL, which matches nothing: the list is then empty, never unfiltered.
  if (filters.customer)
    where.push(Prisma.sql`o."ownerId" = (SELECT u.id FROM "User" u WHERE u.email = ${filters.customer})`);
  if (filters.from) where.push(Prisma.sql`o."createdAt" >= ${dayStart(filters.from)}::timestamp(3)`);
  if (filters.to) where.push(Prisma.sql`o."createdAt" < ${dayStart(filters.to, 1)}::timestamp(3)`);
  if (filters.mode) where.push(Prisma.sql`o.test = ${filters.mode === "test"}`);
  return withSearch(prisma, where, filters.q, "all");
}

/** A customer's filters as SQL conditions, always limited to their organizations' submitted orders. */
export async function customerConditions(
  prisma: PrismaClient,
  user: SessionUser,
  filters: CustomerOrderFilters,
): Promise<OrderConditions> {
  // Membership first and unconditionally: whatever else is asked, only the orders of the
  // organizations the caller may read (an IN list, so each organization's index keyset is used).
  const roles = Prisma.join(rolesFor("read").map((role) => Prisma.sql`${role}::"OrgRole"`));
  const where = [
    Prisma.sql`o."organizationId" IN (SELECT m."organizationId" FROM "Membership" m
      WHERE m."userId" = ${user.id} AND m."roles" && ARRAY[${roles}])`,
    Prisma.sql`o.status <> 'DRAFT'::"OrderStatus"`,
  ];
  if (filters.status) {
    // Customers filter by the badge they see, and several states share one ("With support").
    const label = STATUS_LABELS[filters.status].label;
    const states = Object.values(OrderStatus).filter(
      (s) => s !== "DRAFT" && STATUS_LABELS[s].label === label,
    );
    where.push(
      Prisma.sql`o.status IN (${Prisma.join(states.map((st) => Prisma.sql`${st}::"OrderStatus"`))})`,
    );
  }
  if (filters.product) where.push(Prisma.sql`o."productCode" = ${filters.product}::int`);
  return withSearch(prisma, where, filters.q, "numbers");
}
