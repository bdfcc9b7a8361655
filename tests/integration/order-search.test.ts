import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { getOrderForViewer } from "@/lib/orders/queries/customer-order";
import {
  adminOrderBatches,
  listAdminOrders,
  listCustomerDrafts,
  listCustomerOrders,
} from "@/lib/orders/queries/search";
import {
  adminOrderFiltersSchema,
  customerOrderFiltersSchema,
  parseFilters,
  type OrderSort,
} from "@/lib/orders/model/search-params";
import { orderByClause } from "@/lib/orders/queries/search-sql";
import type { SessionUser } from "@/lib/users/data";
import {
  newUser,
  seedOrders,
  createTestDatabase,
  type SeededOrder,
  type TestDatabase,
} from "@/tests/support/order-history";

// Against a real PostgreSQL database of this file's own: each filter and search must find
// exactly the rows a plain reading of the data says, and keyset pagination must visit every row
// exactly once, forwards and backwards, for every sort.

let database: TestDatabase;
let admin: SessionUser;
let support: SessionUser;
let alice: SessionUser;
let bob: SessionUser;
let orders: SeededOrder[];

beforeAll(async () => {
  database = await createTestDatabase("order_search_test");
  admin = await newUser("ADMIN");
  support = await newUser("SUPPORT");
  alice = await newUser("CUSTOMER", "alice.adams@example.com");
  bob = await newUser("CUSTOMER", "bob.builder@corp.example");
  orders = await seedOrders([alice, bob], 61);
});

afterAll(() => database?.drop());

const admin$ = (raw: Record<string, string>) => adminOrderFiltersSchema.parse(raw);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const expected = (keep: (o: SeededOrder) => boolean) =>
  orders
    .filter(keep)
    .map((o) => o.id)
    .sort();

/** Every row of the filtered admin list, page by page (no page larger than `size`). */
async function walkAdmin(raw: Record<string, string>, size = 7) {
  const seen: string[] = [];
  const pages: { after: string | null; before: string | null }[] = [];
  let after: string | null = null;
  do {
    const page = await listAdminOrders(admin, admin$(raw), { after }, size);
    expect(page.rows.length).toBeLessThanOrEqual(size);
    seen.push(...page.rows.map((r) => r.id));
    pages.push({ after: page.after, before: page.before });
    after = page.after;
  } while (after && pages.length < 100);
  return { seen, pages };
}

describe("admin filters and search find exactly the matching orders", () => {
  const cases: [string, Record<string, string>, (o: SeededOrder) => boolean][] = [
    ["status", { status: "REJECTED" }, (o) => o.status === "REJECTED"],
    ["product", { product: "783" }, (o) => o.productCode === 783],
    [
      "customer e-mail (any case)",
      { customer: " Bob.Builder@CORP.example " },
      (o) => o.ownerEmail === "bob.builder@corp.example",
    ],
    [
      "no match: unknown customer gives nothing, not everything",
      { customer: "nobody@example.com" },
      () => false,
    ],
    ["test orders", { mode: "test" }, (o) => o.test],
    ["live orders", { mode: "live" }, (o) => !o.test],
    // Whole UTC days, both ends inclusive: 2026-03-02 00:00 up to 2026-03-04 23:59:59.999.
    [
      "date range",
      { from: "2026-03-02", to: "2026-03-04" },
      (o) =>
        o.createdAt >= new Date("2026-03-02T00:00:00Z") && o.createdAt < new Date("2026-03-05T00:00:00Z"),
    ],
    ["search: full external number", { q: "eq-0042-CMPQ" }, (o) => o.externalOrderNumber === "EQ-0042-CMPQ"],
    ["search: part of external numbers", { q: "-004" }, (o) => o.externalOrderNumber.includes("-004")],
    [
      "search: Sectigo order number",
      { q: String(7_000_000 + 2 * 13) },
      (o) => o.sectigoOrderNumber === String(7_000_000 + 2 * 13),
    ],
    [
      "search: organization, case-insensitive",
      { q: "QUOTED" },
      (o) => /quoted/i.test(o.organizationName ?? ""),
    ],
    ["search: common name", { q: "shop12." }, (o) => (o.commonName ?? "").includes("shop12.")],
    [
      "search: % is a character, not a wildcard",
      { q: "100%" },
      (o) => (o.organizationName ?? "").includes("100%"),
    ],
    ["no match: % matches itself only", { q: "0%AG" }, () => false],
    [
      "search: _ is a character, not a wildcard",
      { q: "r_s" },
      (o) => (o.organizationName ?? "").includes("r_s"),
    ],
    ["search: customer e-mail part", { q: "adams@" }, (o) => o.ownerId === alice.id],
    ["search: customer e-mail domain", { q: "corp.exam" }, (o) => o.ownerId === bob.id],
    // "Percent 100% AG" has the common name www.shop16.example: a match across the two is wrong.
    ["no match: never across two fields", { q: "AGwww" }, () => false],
    ["no match: a control character cannot join two fields", { q: "AG\u001fwww" }, () => false],
    [
      "status + product + live",
      { status: "PLACED", product: "789", mode: "live" },
      (o) => o.status === "PLACED" && o.productCode === 789 && !o.test,
    ],
    [
      "status + product: a test order",
      { status: "PLACED", product: "782", mode: "test" },
      (o) => o.status === "PLACED" && o.productCode === 782 && o.test,
    ],
    [
      "search + status",
      { q: "trust", status: "CANCELLED" },
      (o) => /trust/i.test(o.organizationName ?? "") && o.status === "CANCELLED",
    ],
  ];

  test.each(cases)("%s", async (_name, raw, keep) => {
    const { seen } = await walkAdmin(raw, 50);
    expect(seen.sort()).toEqual(expected(keep));
  });

  test("the cases are not vacuous: each one not named 'no match' matches some orders but not all", () => {
    for (const [name, , keep] of cases.filter(([name]) => !name.startsWith("no match"))) {
      const matching = orders.filter(keep).length;
      expect([name, matching > 0 && matching < orders.length]).toEqual([name, true]);
    }
  });

  test("rows carry the customer's e-mail and keep the list's order", async () => {
    const page = await listAdminOrders(admin, admin$({ customer: alice.email }), {}, 5);
    expect(page.rows.every((r) => r.owner.email === alice.email)).toBe(true);
    const times = page.rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe("keyset pagination visits every row exactly once, in both directions", () => {
  const sorts: [OrderSort, "asc" | "desc"][] = (
    ["created", "status", "product", "external"] as const
  ).flatMap(
    (sort) =>
      [
        [sort, "asc"],
        [sort, "desc"],
      ] as [OrderSort, "asc" | "desc"][],
  );

  test.each(sorts)("sort %s %s", async (sort, dir) => {
    const prisma = await db();
    const truth = await prisma.$queryRaw<{ id: string }[]>`
      SELECT o.id FROM "Order" o ORDER BY ${orderByClause(sort, dir)}`;
    const { seen, pages } = await walkAdmin({ sort, dir });
    expect(seen).toEqual(truth.map((r) => r.id));
    expect(new Set(seen).size).toBe(orders.length);
    expect(pages[0]!.before).toBeNull();
    expect(pages.at(-1)!.after).toBeNull();

    // Back from the last page to the first, following "Previous" links.
    const back: string[] = [];
    let before = pages.at(-1)!.before;
    const lastPage = await listAdminOrders(admin, admin$({ sort, dir }), { after: pages.at(-2)!.after }, 7);
    back.unshift(...lastPage.rows.map((r) => r.id));
    while (before) {
      const page = await listAdminOrders(admin, admin$({ sort, dir }), { before }, 7);
      back.unshift(...page.rows.map((r) => r.id));
      before = page.before;
    }
    expect(back).toEqual(seen);
  });

  test("with a filter, pages stay inside it", async () => {
    const { seen } = await walkAdmin({ status: "DRAFT", sort: "product" }, 2);
    expect(seen.sort()).toEqual(expected((o) => o.status === "DRAFT"));
  });

  test("a newer order arriving between pages is neither repeated nor does it shift the next page", async () => {
    const first = await listAdminOrders(admin, admin$({}), {}, 10);
    const prisma = await db();
    const late = await prisma.order.create({
      data: {
        ownerId: alice.id,
        organizationId: alice.id,
        externalOrderNumber: "EQ-ZZZZ-ZZZZ",
        createdAt: new Date("2027-01-01T00:00:00Z"),
      },
    });
    try {
      const second = await listAdminOrders(admin, admin$({}), { after: first.after }, 10);
      expect(second.rows.map((r) => r.id)).not.toContain(late.id);
      expect(second.rows.filter((r) => first.rows.some((f) => f.id === r.id))).toEqual([]);
    } finally {
      await prisma.order.delete({ where: { id: late.id } });
    }
  });

  test("a tampered or foreign cursor shows the first page instead of failing", async () => {
    const first = await listAdminOrders(admin, admin$({}), {}, 5);
    const statusCursor = (await listAdminOrders(admin, admin$({ sort: "status" }), {}, 5)).after!;
    for (const cursor of [
      "garbage",
      Buffer.from('["created","x","y"]').toString("base64url"),
      statusCursor,
    ]) {
      const page = await listAdminOrders(admin, admin$({}), { after: cursor }, 5);
      expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
  });
});

describe("customers see only their own orders", () => {
  const own$ = (raw: Record<string, string>) => customerOrderFiltersSchema.parse(raw);

  test("the list holds the caller's submitted orders, newest first, and nobody else's", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await listCustomerOrders(alice, own$({}), { after }, 4);
      seen.push(...page.rows.map((r) => r.id));
      after = page.after;
    } while (after);
    expect([...seen].sort()).toEqual(expected((o) => o.ownerId === alice.id && o.status !== "DRAFT"));
    const times = seen.map((id) => orders.find((o) => o.id === id)!.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  test("filters and number search stay inside the caller's orders", async () => {
    const bobsOrder = orders.find((o) => o.ownerId === bob.id && o.status === "PLACED")!;
    expect((await listCustomerOrders(alice, own$({ q: bobsOrder.externalOrderNumber }))).rows).toEqual([]);
    expect((await listCustomerOrders(alice, own$({ q: bobsOrder.sectigoOrderNumber! }))).rows).toEqual([]);
    expect(ids((await listCustomerOrders(bob, own$({ q: bobsOrder.sectigoOrderNumber! }))).rows)).toEqual([
      bobsOrder.id,
    ]);
    expect(ids((await listCustomerOrders(alice, own$({ status: "PLACED", product: "777" }))).rows)).toEqual(
      expected((o) => o.ownerId === alice.id && o.status === "PLACED" && o.productCode === 777),
    );
    // Customers search numbers only: an organization name finds nothing.
    expect((await listCustomerOrders(alice, own$({ q: "Quoted" }))).rows).toEqual([]);
  });

  test("a status filter matches every state behind the badge the customer sees", async () => {
    // FAILED_TRANSIENT and NEEDS_REVIEW both read "With support".
    const page = await listCustomerOrders(alice, own$({ status: "FAILED_TRANSIENT" }), {}, 50);
    const expectedIds = expected(
      (o) => o.ownerId === alice.id && (o.status === "FAILED_TRANSIENT" || o.status === "NEEDS_REVIEW"),
    );
    expect(new Set(page.rows.map((r) => r.status))).toEqual(new Set(["FAILED_TRANSIENT", "NEEDS_REVIEW"]));
    expect(ids(page.rows)).toEqual(expectedIds);
  });

  test("drafts are listed separately, own only", async () => {
    expect(ids(await listCustomerDrafts(alice))).toEqual(
      expected((o) => o.ownerId === alice.id && o.status === "DRAFT"),
    );
  });

  test("another customer's order id returns null", async () => {
    const bobsOrder = orders.find((o) => o.ownerId === bob.id)!;
    expect(await getOrderForViewer(alice, bobsOrder.id)).toBeNull();
    expect((await getOrderForViewer(bob, bobsOrder.id))?.id).toBe(bobsOrder.id);
  });
});

describe("admin data functions refuse everyone but administrators", () => {
  test.each([["SUPPORT"], ["CUSTOMER"]])("%s", async (role) => {
    const user = role === "SUPPORT" ? support : alice;
    await expect(listAdminOrders(user, admin$({}))).rejects.toThrow(/administrators/);
    await expect(
      adminOrderBatches(user, admin$({}), {
        id: true,
        createdAt: true,
        status: true,
        productCode: true,
        externalOrderNumber: true,
      }).next(),
    ).rejects.toThrow(/administrators/);
  });
});

describe("filter parsing", () => {
  test("invalid filters are reported and left out; the valid ones still apply", () => {
    const { filters, errors } = parseFilters(adminOrderFiltersSchema, {
      q: "ab",
      status: "BOGUS",
      product: "999",
      customer: "not-an-address",
      from: "2026-02-30",
      to: "2026-01-01",
      mode: "live",
    });
    expect(Object.keys(errors).sort()).toEqual(["customer", "from", "product", "q", "status"]);
    expect(filters).toMatchObject({ mode: "live", to: "2026-01-01", sort: "created" });
    expect(parseFilters(adminOrderFiltersSchema, { from: "2026-02-02", to: "2026-02-01" }).errors).toEqual({
      to: "The end date is before the start date.",
    });
    expect(parseFilters(customerOrderFiltersSchema, { status: "DRAFT" }).errors.status).toMatch(/Drafts/);
    expect(adminOrderFiltersSchema.parse({ sort: "password", dir: "sideways" })).toMatchObject({
      sort: "created",
      dir: undefined,
    });
  });
});

describe("on the embedded database (PGlite) too", () => {
  test("search, filters and both-way pagination give the same answers", async () => {
    const embedded = await createTestDatabase("order-search-pglite", "pglite");
    try {
      const owner = await newUser("CUSTOMER", "pat.pglite@example.com");
      const pgAdmin = await newUser("ADMIN");
      const seeded = await seedOrders([owner], 23);
      const all = await listAdminOrders(
        pgAdmin,
        admin$({ q: "pat.pglite", sort: "product", dir: "desc" }),
        {},
        50,
      );
      expect(ids(all.rows)).toEqual(seeded.map((o) => o.id).sort());
      const first = await listAdminOrders(pgAdmin, admin$({ sort: "status" }), {}, 10);
      const second = await listAdminOrders(pgAdmin, admin$({ sort: "status" }), { after: first.after }, 10);
      const back = await listAdminOrders(pgAdmin, admin$({ sort: "status" }), { before: second.before }, 10);
      expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      const withSupport = await listCustomerOrders(
        owner,
        customerOrderFiltersSchema.parse({ status: "NEEDS_REVIEW" }),
      );
      expect(ids(withSupport.rows)).toEqual(
        seeded
          .filter((o) => o.status === "NEEDS_REVIEW" || o.status === "FAILED_TRANSIENT")
          .map((o) => o.id)
          .sort(),
      );
      const zurich = await listAdminOrders(pgAdmin, admin$({ q: "zürich" }), {}, 50);
      expect(ids(zurich.rows)).toEqual(
        seeded
          .filter((o) => o.organizationName?.includes("Zürich"))
          .map((o) => o.id)
          .sort(),
      );
    } finally {
      await embedded.drop();
    }
  });
});
