import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { listAdminOrders, SEARCH_WALK_BUDGET } from "@/lib/orders/queries/search";
import { adminOrderFiltersSchema } from "@/lib/orders/model/search-params";
import { containsPattern } from "@/lib/db/like";
import { ORDER_SEARCH_TEXT, orderByClause } from "@/lib/orders/queries/search-sql";
import type { SessionUser } from "@/lib/users/data";
import { newUser, seedOrders, createTestDatabase, type TestDatabase } from "@/tests/support/order-history";

// A substring search runs one of two ways (lib/orders/queries/search.ts, searchPage): a term common among
// the newest SEARCH_WALK_BUDGET orders is answered from them; a rarer one by the trigram index.
// With more orders than the budget, both must give exactly the pages a plain query gives.

let database: TestDatabase;
let admin: SessionUser;
const COUNT = SEARCH_WALK_BUDGET + 600;

beforeAll(async () => {
  database = await createTestDatabase("order_search_paths_test");
  admin = await newUser("ADMIN");
  const customer = await newUser("CUSTOMER", "carla.customer@example.com");
  await seedOrders([customer], COUNT);
});

afterAll(() => database?.drop());

/** Every page of the admin list for a search, newest first, as ids. */
async function searchPages(q: string, size: number): Promise<string[]> {
  const filters = adminOrderFiltersSchema.parse({ q });
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page = await listAdminOrders(admin, filters, { after }, size);
    seen.push(...page.rows.map((r) => r.id));
    after = page.after;
  } while (after);
  return seen;
}

async function truth(q: string): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "Order" o WHERE ${ORDER_SEARCH_TEXT} ILIKE ${containsPattern(q)}
    ORDER BY ${orderByClause("created", "desc")}`;
  return rows.map((r) => r.id);
}

describe("substring search beyond the walk budget", () => {
  test("a common term (every seventh order) is paged exactly", async () => {
    const expected = await truth("zürich");
    expect(expected.length).toBeGreaterThan(COUNT / 8);
    expect(await searchPages("zürich", 100)).toEqual(expected);
  });

  test("a term found only among the oldest orders, past the budget, is found by the index", async () => {
    // External numbers EQ-0000-… to EQ-0099-…: the first hundred orders, the oldest.
    const expected = await truth("EQ-00");
    expect(expected.length).toBe(100);
    expect(await searchPages("EQ-00", 30)).toEqual(expected);
  });

  test("a rare term among the newest orders is found, in order", async () => {
    const newest = COUNT - 1;
    const q = `shop${String(newest - (newest % 4)).slice(0, 3)}`;
    const expected = await truth(q);
    expect(expected.length).toBeGreaterThan(1);
    expect(await searchPages(q, 5)).toEqual(expected);
  });

  test("nothing matching gives an empty list", async () => {
    expect(await searchPages("no-such-organization", 25)).toEqual([]);
  });
});
