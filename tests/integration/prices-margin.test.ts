import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { getOrderForViewer } from "@/lib/orders/queries/customer-order";
import { getSupportOrder } from "@/lib/orders/queries/support";
import { getAdminOrderDetail } from "@/lib/orders/queries/admin-order";
import { listAdminOrders } from "@/lib/orders/queries/search";
import { adminPeriodSums } from "@/lib/orders/queries/search-sums";
import { EXPORT_COLUMNS, exportOrdersCsv } from "@/lib/orders/queries/export";
import { adminOrderFiltersSchema } from "@/lib/orders/model/search-params";
import { setPrice, setVatRate } from "@/lib/prices/admin";
import { reviewQuote } from "@/lib/prices/wizard";
import type { SessionUser } from "@/lib/users/data";
import { newUser, startTestbed, submitAs, type Testbed } from "./order-harness";

// What admins see of prices, against a real PostgreSQL and the sandbox CA: Sectigo's cost stays
// out of the customer's and support's read models, and the margin per order and per month over
// the list's filters, in the list, the sums and the CSV export.

let bed: Testbed;
let customer: SessionUser;
let support: SessionUser;
let admin: SessionUser;
let orgId: string;

const filters = (raw: Record<string, string> = {}) => adminOrderFiltersSchema.parse(raw);
const input = () => ({ ...bed.input }) as unknown as Record<string, unknown>;

beforeAll(async () => {
  bed = await startTestbed("prices_margin_test");
});

afterAll(async () => {
  await bed?.close();
});

beforeEach(async () => {
  await bed.reset();
  [customer, support, admin] = await Promise.all([newUser("CUSTOMER"), newUser("SUPPORT"), newUser("ADMIN")]);
  const prisma = await db();
  // The shared reset leaves the price tables alone; VAT rates (from the migration) are set back.
  await prisma.$executeRawUnsafe(`TRUNCATE "Price", "OrganizationPrice"`);
  await setVatRate(admin, { countryCode: "DE", rate: "19" });
  await setVatRate(admin, { countryCode: "FI", rate: "25.5" });
  const org = await prisma.organization.create({ data: { name: "Acme Trust Services" } });
  orgId = org.id;
  await prisma.membership.create({
    data: { organizationId: orgId, userId: customer.id, roles: ["OWNER", "REQUESTER", "APPROVER"] },
  });
});

describe("cost, margin and sums", () => {
  async function placedOrder(net: string, cost: string | null, createdAt: Date) {
    await setPrice(admin, { choice: "781:365", net, currency: "EUR", organizationId: "" });
    const order = await createDraft(customer, bed.input as unknown as DraftInput, "review", false);
    const shown = await reviewQuote(customer, order.id, input());
    const sent = await submitAs(customer, {
      orderId: order.id,
      input: bed.input as unknown as DraftInput,
      test: false,
      quoteKey: shown.key,
    });
    expect(sent).toMatchObject({ ok: true });
    await (await db()).order.update({ where: { id: order.id }, data: { totalCost: cost, createdAt } });
    return order.id;
  }

  const monthStart = (back: number) => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1, 12));
  };
  const month = (d: Date) => d.toISOString().slice(0, 7);

  test("customer and support read models never carry Sectigo's cost; the admin's does", async () => {
    const id = await placedOrder("120.00", "77.70", new Date());
    const prisma = await db();
    await prisma.orderAttempt.updateMany({
      where: { orderId: id },
      data: { responseBody: "errorCode=0&orderNumber=1234&totalCost=77.70" },
    });
    const forCustomer = await getOrderForViewer(customer, id);
    expect(forCustomer).not.toHaveProperty("totalCost");
    expect(JSON.stringify(forCustomer)).not.toContain("77.7");
    expect(forCustomer?.quote).toMatchObject({ net: "120.00", gross: "142.80" });
    const forSupport = await getSupportOrder(support, id);
    expect(forSupport).not.toHaveProperty("totalCost");
    expect(JSON.stringify(forSupport)).not.toContain("77.7");
    const forAdmin = await getAdminOrderDetail(admin, id);
    expect(forAdmin?.totalCost?.toFixed(2)).toBe("77.70");
    expect(JSON.stringify(forAdmin)).toContain("totalCost=77.70");
  });

  test("margin per order and per month, over the filtered set, in the list and the export", async () => {
    const thisMonth = monthStart(0);
    const lastMonth = monthStart(1);
    const a = await placedOrder("120.00", "80.00", thisMonth);
    const b = await placedOrder("100.10", "60.05", thisMonth);
    await placedOrder("90.00", null, thisMonth); // quoted, cost unknown: no margin
    await placedOrder("200.00", "150.00", lastMonth);

    const page = await listAdminOrders(admin, filters());
    const rowA = page.rows.find((r) => r.id === a)!;
    expect(rowA.quoteNet?.toFixed(2)).toBe("120.00");
    expect(rowA.totalCost?.toFixed(2)).toBe("80.00");

    const sums = await adminPeriodSums(admin, filters());
    expect(sums).toEqual([
      {
        month: month(thisMonth),
        currency: "EUR",
        orders: 3,
        quoted: 3,
        withMargin: 2,
        net: "310.10",
        cost: "140.05",
        margin: "80.05",
      },
      {
        month: month(lastMonth),
        currency: "EUR",
        orders: 1,
        quoted: 1,
        withMargin: 1,
        net: "200.00",
        cost: "150.00",
        margin: "50.00",
      },
    ]);
    // The same filters as the list: a search for one order sums that order only.
    const external = (await (await db()).order.findUniqueOrThrow({ where: { id: b } })).externalOrderNumber;
    expect(await adminPeriodSums(admin, filters({ q: external }))).toMatchObject([
      { orders: 1, net: "100.10", margin: "40.05" },
    ]);
    await expect(adminPeriodSums(support, filters())).rejects.toMatchObject({ code: "forbidden" });

    const csv = await new Response(exportOrdersCsv(admin, filters({ q: external }))).text();
    const [header, row] = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(header!.split(",")).toEqual([...EXPORT_COLUMNS]);
    const cells = Object.fromEntries(EXPORT_COLUMNS.map((column, i) => [column, row!.split(",")[i]]));
    expect(cells).toMatchObject({
      "Total cost": "60.05",
      "Quote currency": "EUR",
      "Quoted net": "100.10",
      "Quoted VAT rate (%)": "19.00",
      "Quoted VAT": "19.02",
      "Quoted gross": "119.12",
      "VAT country": "DE",
      Margin: "40.05",
    });
  });
});
