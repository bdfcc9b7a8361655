import { db } from "@/lib/db";
import type { PageRequest } from "@/lib/db/keyset";
import {
  hasAnyListedOrder,
  listAdminOrders,
  listCustomerDrafts,
  listCustomerOrders,
} from "@/lib/orders/queries/search";
import { adminOrderFiltersSchema, customerOrderFiltersSchema } from "@/lib/orders/model/search-params";
import { createUser, type SessionUser } from "@/lib/users/data";
import { periodOf } from "@/lib/dashboard/filters";
import {
  expiringByMonth,
  funnel,
  ordersByDay,
  sectigoCalls,
  supportQueueByDay,
} from "@/lib/dashboard/queries";
import { adminPeriodSums } from "@/lib/orders/queries/search-sums";

// The order-history queries, called through the same data functions the list pages call, with
// filters parsed by the same schemas from query-string values.

export interface HistoryCase {
  key: string;
  name: string;
  /** One call; `i` is the repetition, for cases that rotate through sampled values. */
  run(i: number): Promise<unknown>;
}

export const DEEP_PAGE = 50;
const STATUS = "NEEDS_REVIEW";
const PRODUCT = "781";

const adminFilters = (raw: Record<string, string>) => adminOrderFiltersSchema.parse(raw);

export interface CaseData {
  cases: HistoryCase[];
  /** Facts about the data the cases ran on, for the report. */
  facts: Record<string, string>;
}

/** The cursor of page `page`, following the pager's "next" links; a shorter list stops at its last page. */
async function pageCursor(admin: SessionUser, page: number): Promise<{ request: PageRequest; page: number }> {
  const filters = adminFilters({});
  let after: string | null = null;
  let reached = 1;
  while (reached < page) {
    const next: string | null = (await listAdminOrders(admin, filters, { after })).after;
    if (!next) break;
    after = next;
    reached += 1;
  }
  return { request: { after }, page: reached };
}

/** Prepares the cases on the app's current database (an admin user, sampled search values). */
export async function prepareCases(): Promise<CaseData> {
  const prisma = await db();
  const admin = await createUser({
    email: `bench-admin-${Date.now()}@example.com`,
    name: "Bench Admin",
    password: "bench-password-not-secret",
    role: "ADMIN",
  });
  const externals = (
    await prisma.$queryRaw<{ e: string }[]>`
      SELECT "externalOrderNumber" AS e FROM "Order" ORDER BY random() LIMIT 50`
  ).map((r) => r.e);
  const organizations = (
    await prisma.$queryRaw<{ o: string }[]>`
      SELECT DISTINCT "organizationName" AS o FROM (
        SELECT "organizationName" FROM "Order" WHERE "organizationName" IS NOT NULL ORDER BY random() LIMIT 10
      ) s`
  ).map((r) => r.o);
  const counts = await prisma.$queryRaw<{ id: string; email: string; name: string; n: bigint }[]>`
    SELECT u.id, u.email, u.name, count(o.id) AS n FROM "User" u JOIN "Order" o ON o."ownerId" = u.id
    WHERE u.role = 'CUSTOMER' GROUP BY u.id ORDER BY n DESC`;
  const heaviest = counts[0];
  const typical = counts[Math.floor(counts.length / 2)];
  if (!heaviest || !typical || !externals.length || !organizations.length)
    throw new Error("The order history is empty.");
  const customer = (row: typeof heaviest): SessionUser => ({ ...row, role: "CUSTOMER" });
  const ownList = (user: SessionUser) => () =>
    // The customer page's three queries, run together as the page runs them.
    Promise.all([
      listCustomerDrafts(user),
      listCustomerOrders(user, customerOrderFiltersSchema.parse({}), {}),
      hasAnyListedOrder(user),
    ]);
  const deep = await pageCursor(admin, DEEP_PAGE);
  // The dashboard's Sectigo charts need calls: ten a minute, over the last 30 days, once.
  await prisma.$executeRaw`
    INSERT INTO "SectigoCall" ("at", "endpoint", "outcome", "durationMs")
    SELECT now() - g * interval '6 seconds', CASE WHEN g % 3 = 0 THEN 'detailedStatus' ELSE 'autoApplyOrder' END,
      CASE WHEN g % 50 = 0 THEN 'timeout' ELSE 'ok' END, 20 + (g % 900)
    FROM generate_series(1, 432000) g
    WHERE NOT EXISTS (SELECT 1 FROM "SectigoCall")`;
  const period = periodOf({});
  // The dashboard page's six aggregates, run together as the page runs them.
  const dashboard = () =>
    Promise.all([
      ordersByDay(admin, period),
      funnel(admin, period),
      supportQueueByDay(admin, period),
      sectigoCalls(admin, period),
      expiringByMonth(admin, period),
      adminPeriodSums(admin, { sort: "created", from: period.from, to: period.to }),
    ]);
  const cases: HistoryCase[] = [
    { key: "round-trip", name: "`SELECT 1` round trip (the floor)", run: () => prisma.$queryRaw`SELECT 1` },
    {
      key: "admin-first",
      name: "admin list, first page",
      run: () => listAdminOrders(admin, adminFilters({})),
    },
    {
      key: "admin-status-product",
      name: `admin list, status ${STATUS} + product ${PRODUCT}`,
      run: () => listAdminOrders(admin, adminFilters({ status: STATUS, product: PRODUCT })),
    },
    {
      key: "search-external",
      name: "admin search by external order number",
      run: (i) => listAdminOrders(admin, adminFilters({ q: externals[i % externals.length]! })),
    },
    {
      key: "search-organization",
      name: "admin search by organization name",
      run: (i) => listAdminOrders(admin, adminFilters({ q: organizations[i % organizations.length]! })),
    },
    {
      key: "customer-heaviest",
      name: "customer's own list (the customer with most orders)",
      run: ownList(customer(heaviest)),
    },
    {
      key: "customer-typical",
      name: "customer's own list (a median customer)",
      run: ownList(customer(typical)),
    },
    {
      key: "admin-deep",
      name: `admin list, page ${DEEP_PAGE} (keyset cursor)`,
      run: () => listAdminOrders(admin, adminFilters({}), deep.request),
    },
    { key: "dashboard", name: "admin dashboard, last 30 days (its six aggregates)", run: dashboard },
  ];
  return {
    cases,
    facts: {
      heaviest: `${Number(heaviest.n).toLocaleString("en-US")} orders`,
      typical: `${Number(typical.n).toLocaleString("en-US")} orders`,
      deepPage: String(deep.page),
      organizations: organizations.map((o) => `“${o}”`).join(", "),
    },
  };
}
