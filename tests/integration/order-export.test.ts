import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { getProduct } from "@/lib/sectigo/products";
import { resetEnvCache } from "@/lib/env";
import {
  EXPORT_BATCH_SIZE,
  EXPORT_COLUMNS,
  exportFileName,
  exportOrdersCsv,
  neutralizeFormula,
} from "@/lib/orders/queries/export";
import { getAdminOrderDetail } from "@/lib/orders/queries/admin-order";
import { adminOrderFiltersSchema } from "@/lib/orders/model/search-params";
import type { SessionUser } from "@/lib/users/data";
import {
  newUser,
  seedOrders,
  createTestDatabase,
  type SeededOrder,
  type TestDatabase,
} from "@/tests/support/order-history";

// The CSV export and the admin order detail against a real PostgreSQL database: the file's
// shape, escaping and formula defusing, batching across keyset pages, and that no secret (password
// hash, request snapshot, Sectigo password) can leave through either.

const SECTIGO_PASSWORD = "s3ctigo-account-password";
let database: TestDatabase;
let admin: SessionUser;
let customer: SessionUser;
let orders: SeededOrder[];

beforeAll(async () => {
  process.env.SECTIGO_LOGIN_PASSWORD = SECTIGO_PASSWORD;
  database = await createTestDatabase("order_export_test");
  admin = await newUser("ADMIN");
  customer = await newUser("CUSTOMER", "=cmd|' /c calc'!a0@example.com");
  orders = await seedOrders([customer], 30);
});

afterAll(async () => {
  await database?.drop();
  delete process.env.SECTIGO_LOGIN_PASSWORD;
  resetEnvCache();
});

const filters = (raw: Record<string, string> = {}) => adminOrderFiltersSchema.parse(raw);

/** The file as bytes decoded to text, byte-order mark kept (Response.text() would drop it). */
async function download(raw: Record<string, string> = {}): Promise<string> {
  const bytes = await new Response(exportOrdersCsv(admin, filters(raw))).arrayBuffer();
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe("CSV export", () => {
  test("header, one row per order in the list's order, the columns filled from the order", async () => {
    const text = await download();
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(orders.length);
    const newestFirst = [...orders].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1),
    );
    expect(rows.map((r) => r[0])).toEqual(newestFirst.map((o) => o.externalOrderNumber));

    // Any placed order with a product (which ones the seed makes depends on the number of states).
    const placed = orders.find((o) => o.status === "PLACED" && o.productCode !== null)!;
    expect(placed).toBeDefined();
    expect(rows.find((r) => r[0] === placed.externalOrderNumber)).toEqual([
      placed.externalOrderNumber,
      placed.sectigoOrderNumber,
      String(placed.productCode),
      getProduct(placed.productCode)!.name,
      "PLACED",
      "'=cmd|' /c calc'!a0@example.com",
      placed.organizationName,
      placed.commonName,
      placed.test ? "yes" : "no",
      "123.40",
      // No quote stored on this order (tests/integration/prices.test.ts covers the quote columns,
      // prices-reverse-charge.test.ts the reverse charge's).
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      placed.createdAt.toISOString(),
      "",
    ]);
  });

  test("commas, quotes and line breaks are quoted; formula prefixes are defused", async () => {
    const text = await download();
    expect(text).toContain('"Acme, ""Quoted"" GmbH"');
    expect(text).toContain('"Multi\nLine S.A."');
    const cells = parseCsv(text.slice(1)).flat();
    expect(cells).toContain('\'=HYPERLINK("http://evil.example")');
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    expect(["=1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "plain", "a=b"].map(neutralizeFormula)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
      "plain",
      "a=b",
    ]);
  });

  test("a formula behind an embedded separator, tab or line break is quoted and defused", async () => {
    // Spreadsheets set to another list separator (";" in German locales) or splitting on tabs
    // would start a new cell inside these and run what follows as a formula.
    const hostile = ["ACME;=1+1;", "ACME\t=2+2", "ACME,+3+3", "ACME\n@SUM(A1)", "ACME\r-4+4", "ACME; =5+5"];
    const prisma = await db();
    await prisma.order.createMany({
      data: hostile.map((name, i) => ({
        ownerId: customer.id,
        organizationId: customer.id,
        externalOrderNumber: `EQ-SEP${i}-XYZQ`,
        organizationName: name,
        commonName: `Separated ${i}`,
      })),
    });
    const text = await download({ q: "EQ-SEP" });
    const rows = parseCsv(text.slice(1)).slice(1);
    expect(rows.map((r) => r[6]).sort()).toEqual(hostile.map((name) => `'${name}`).sort());
    // Each is one quoted field on the wire, so no reader splits it, whatever its separator.
    for (const name of hostile) expect(text).toContain(`,"'${name}",`);
    // Plain text with a separator is kept as typed (and quoted, as the test above shows).
    expect(["ACME;=1", "a;b", "x\t-y", "Smith - Jones", "a, b", "10%; @home"].map(neutralizeFormula)).toEqual(
      ["'ACME;=1", "a;b", "'x\t-y", "Smith - Jones", "a, b", "'10%; @home"],
    );
  });

  test("only the filtered orders", async () => {
    const rows = parseCsv((await download({ status: "REJECTED" })).slice(1)).slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual(
      orders
        .filter((o) => o.status === "REJECTED")
        .map((o) => o.externalOrderNumber)
        .sort(),
    );
    expect(parseCsv((await download({ customer: "nobody@example.com" })).slice(1))).toEqual([
      [...EXPORT_COLUMNS],
    ]);
  });

  test("no password hash, request snapshot or Sectigo password ever appears", async () => {
    const prisma = await db();
    await prisma.orderAttempt.create({
      data: {
        orderId: orders[0]!.id,
        trigger: "CUSTOMER",
        request: { params: { loginName: "reseller", loginPassword: SECTIGO_PASSWORD } },
        responseBody: `errorCode=-1&loginPassword=${SECTIGO_PASSWORD}`,
      },
    });
    const text = await download();
    const hashes = (await prisma.user.findMany({ select: { passwordHash: true } })).map(
      (u) => u.passwordHash,
    );
    expect(hashes.every((hash) => hash.startsWith("$argon2"))).toBe(true);
    for (const secret of [...hashes, "$argon2", "loginPassword", SECTIGO_PASSWORD, "reseller"]) {
      expect(text).not.toContain(secret);
    }
  });

  test(`batches of ${EXPORT_BATCH_SIZE} chain without losing or repeating a row`, async () => {
    const prisma = await db();
    const many = 2 * EXPORT_BATCH_SIZE + 17;
    const createdAt = new Date("2025-01-01T00:00:00Z");
    // All with one timestamp: the batches' boundaries fall inside ties, decided by the id.
    await prisma.order.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        ownerId: customer.id,
        organizationId: customer.id,
        externalOrderNumber: `EQ-B${String(i).padStart(3, "0").slice(-3)}-${String(Math.floor(i / 1000))}XYZ`,
        createdAt,
        organizationName: "Batch Co",
      })),
    });
    const rows = parseCsv((await download({ q: "Batch Co" })).slice(1)).slice(1);
    expect(rows).toHaveLength(many);
    expect(new Set(rows.map((r) => r[0])).size).toBe(many);
  });

  test("is for administrators only, refused before any data is read", async () => {
    const support = await newUser("SUPPORT");
    expect(() => exportOrdersCsv(support, filters())).toThrow(/administrators/);
    expect(() => exportOrdersCsv(customer, filters())).toThrow(/administrators/);
  });

  test("file name carries the UTC date", () => {
    expect(exportFileName(new Date("2026-12-31T23:30:00-05:00"))).toBe("orders-20270101.csv");
  });
});

describe("admin order detail", () => {
  test("shows attempts with the password redacted, even where a stored snapshot had it", async () => {
    const prisma = await db();
    const order = orders[1]!;
    await prisma.orderAttempt.create({
      data: {
        orderId: order.id,
        trigger: "SUPPORT",
        triggeredById: admin.id,
        request: { params: { loginName: "reseller", loginPassword: SECTIGO_PASSWORD } },
        responseBody: `errorCode=-1&loginPassword=${SECTIGO_PASSWORD}`,
      },
    });
    const detail = await getAdminOrderDetail(admin, order.id);
    expect(detail?.externalOrderNumber).toBe(order.externalOrderNumber);
    expect(detail?.owner.email).toBe(customer.email);
    const attempt = detail!.attempts.at(-1)!;
    expect(attempt.triggeredBy?.email).toBe(admin.email);
    expect(attempt.request).toEqual({ params: { loginName: "reseller", loginPassword: "[REDACTED]" } });
    expect(attempt.responseBody).toBe("errorCode=-1&loginPassword=[REDACTED]");
    expect(JSON.stringify(detail)).not.toContain(SECTIGO_PASSWORD);
    expect(JSON.stringify(detail)).not.toContain("$argon2");
  });

  test("null for an unknown order; refused to support staff and customers", async () => {
    expect(await getAdminOrderDetail(admin, "no-such-order")).toBeNull();
    const support = await newUser("SUPPORT");
    await expect(getAdminOrderDetail(support, orders[0]!.id)).rejects.toThrow(/administrators/);
    await expect(getAdminOrderDetail(customer, orders[0]!.id)).rejects.toThrow(/administrators/);
  });
});
