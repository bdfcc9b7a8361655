import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { removePrice, setPrice, setVatRate } from "@/lib/prices/admin";
import { quoteFor } from "@/lib/prices/lookup";
import { quoteKey } from "@/lib/prices/quote";
import { PRICE_CHANGED_MESSAGE } from "@/lib/prices/submit-quote";
import { reviewQuote } from "@/lib/prices/wizard";
import { seedDemoPrices } from "@/lib/prices/demo";
import { PRICE_CHOICES } from "@/lib/prices/schemas";
import type { SessionUser } from "@/lib/users/data";
import { newUser, sandboxOrders, startTestbed, submitAs, type Testbed } from "./order-harness";

// Prices against a real PostgreSQL and the sandbox CA: the lookup (organization over list price,
// none = on request), VAT by country, the quote the review shows is the quote stored, a price
// changed in between refuses the send (tests/integration/prices-margin.test.ts: cost and margin).

let bed: Testbed;
let customer: SessionUser;
let support: SessionUser;
let admin: SessionUser;
let orgId: string;

const input = () => ({ ...bed.input }) as unknown as Record<string, unknown>;

beforeAll(async () => {
  bed = await startTestbed("prices_test");
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

describe("price lookup", () => {
  test("list price, an organization's own price over it, and none (price on request)", async () => {
    const prisma = await db();
    await setPrice(admin, { choice: "781:365", net: "120.00", currency: "EUR", organizationId: "" });
    await setPrice(admin, { choice: "781:365", net: "99.50", currency: "EUR", organizationId: orgId });

    const personal = await quoteFor(prisma, customer.id, input());
    expect(personal).toMatchObject({ source: "list", net: "120.00", currency: "EUR", priceVersion: 1 });
    const own = await quoteFor(prisma, orgId, input());
    expect(own).toMatchObject({ source: "organization", net: "99.50" });
    expect(await quoteFor(prisma, customer.id, { ...input(), days: 730 })).toBeNull();
    expect(quoteKey(null)).toBe("on-request");

    // A change bumps the version (and so the quote key); removing falls back to the list price.
    await setPrice(admin, { choice: "781:365", net: "120.00", currency: "USD", organizationId: "" });
    expect(await quoteFor(prisma, customer.id, input())).toMatchObject({ priceVersion: 2, currency: "USD" });
    await removePrice(admin, { choice: "781:365", organizationId: orgId });
    expect(await quoteFor(prisma, orgId, input())).toMatchObject({ source: "list", net: "120.00" });

    const audit = await prisma.auditEvent.findMany({ where: { action: { startsWith: "price." } } });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "price.removed",
      "price.set",
      "price.set",
      "price.set",
    ]);
    expect(audit.every((a) => a.actorId === admin.id)).toBe(true);
  });

  test("only admins change prices", async () => {
    await expect(
      setPrice(support, { choice: "781:365", net: "1.00", currency: "EUR", organizationId: "" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(setVatRate(customer, { countryCode: "DE", rate: "0" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await (await db()).price.count()).toBe(0);
  });

  test("VAT by the customer's country, rounded half-up to the cent", async () => {
    const prisma = await db();
    await setPrice(admin, { choice: "781:365", net: "99.99", currency: "EUR", organizationId: "" });
    const at = (country: string | undefined) =>
      quoteFor(prisma, customer.id, { ...input(), countryName: country });
    expect(await at("DE")).toMatchObject({
      vatRate: "19.00",
      vat: "19.00",
      gross: "118.99",
      vatCountry: "DE",
    });
    // 99.99 × 25.5 % = 25.497…
    expect(await at("FI")).toMatchObject({ vatRate: "25.50", vat: "25.50", gross: "125.49" });
    const outside = await at("US");
    expect(outside).toMatchObject({ vatRate: "0.00", vat: "0.00", gross: "99.99", vatCountry: "US" });
    expect(outside?.vatNote).toMatch(/outside the VAT table/);
    // The test CSR names no country: without countryName the order has none.
    const none = await at(undefined);
    expect(none).toMatchObject({ vatRate: "0.00", gross: "99.99", vatCountry: null });
    expect(none?.vatNote).toMatch(/No country given/);
  });

  test("demo prices fill an empty list once", async () => {
    expect(await seedDemoPrices()).toBe(PRICE_CHOICES.length);
    expect(await seedDemoPrices()).toBe(0);
    const prisma = await db();
    expect(
      (
        await prisma.price.findUnique({ where: { productCode_days: { productCode: 791, days: 90 } } })
      )?.net.toFixed(2),
    ).toBe("139.60");
  });
});

describe("the quote at submission", () => {
  async function draft(organizationId?: string) {
    return createDraft(customer, bed.input as unknown as DraftInput, "review", false, { organizationId });
  }

  test("the quote shown at review is the quote stored, computed by the same function", async () => {
    await setPrice(admin, { choice: "781:365", net: "120.00", currency: "EUR", organizationId: "" });
    await setPrice(admin, { choice: "781:365", net: "100.00", currency: "EUR", organizationId: orgId });
    const order = await draft(orgId);
    const shown = await reviewQuote(customer, order.id, input());
    expect(shown.quote).toMatchObject({
      net: "100.00",
      vat: "19.00",
      gross: "119.00",
      source: "organization",
    });

    const result = await submitAs(customer, {
      orderId: order.id,
      input: bed.input as unknown as DraftInput,
      test: false,
      quoteKey: shown.key,
    });
    expect(result).toMatchObject({ ok: true });
    const stored = await (await db()).order.findUniqueOrThrow({ where: { id: order.id } });
    expect({
      currency: stored.quoteCurrency,
      net: stored.quoteNet?.toFixed(2),
      vatRate: stored.quoteVatRate?.toFixed(2),
      vat: stored.quoteVat?.toFixed(2),
      gross: stored.quoteGross?.toFixed(2),
      vatCountry: stored.quoteVatCountry,
      source: stored.quotePriceSource,
      priceId: stored.quotePriceId,
      priceVersion: stored.quotePriceVersion,
    }).toEqual({
      currency: shown.quote!.currency,
      net: shown.quote!.net,
      vatRate: shown.quote!.vatRate,
      vat: shown.quote!.vat,
      gross: shown.quote!.gross,
      vatCountry: shown.quote!.vatCountry,
      source: shown.quote!.source,
      priceId: shown.quote!.priceId,
      priceVersion: shown.quote!.priceVersion,
    });
    expect(stored.quotedAt).not.toBeNull();

    // A later price change leaves the stored quote alone.
    await setPrice(admin, { choice: "781:365", net: "150.00", currency: "EUR", organizationId: orgId });
    const after = await (await db()).order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after.quoteNet?.toFixed(2)).toBe("100.00");
  });

  test("a price changed after display is refused at submit; nothing is sent or stored", async () => {
    await setPrice(admin, { choice: "781:365", net: "120.00", currency: "EUR", organizationId: "" });
    const order = await draft();
    const shown = await reviewQuote(customer, order.id, input());
    await setPrice(admin, { choice: "781:365", net: "125.00", currency: "EUR", organizationId: "" });

    const refused = await submitAs(customer, {
      orderId: order.id,
      input: bed.input as unknown as DraftInput,
      test: false,
      quoteKey: shown.key,
    });
    expect(refused).toMatchObject({ ok: false, code: "conflict", message: PRICE_CHANGED_MESSAGE });
    const row = await (await db()).order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row.status).toBe("DRAFT");
    expect(row.quoteNet).toBeNull();
    expect(await sandboxOrders(bed.sandbox, row.externalOrderNumber)).toHaveLength(0);

    // A VAT change counts as a price change too; so does a quote never shown.
    const again = await reviewQuote(customer, order.id, input());
    await setVatRate(admin, { countryCode: "DE", rate: "20" });
    const vatChanged = await submitAs(customer, {
      orderId: order.id,
      input: bed.input as unknown as DraftInput,
      test: false,
      quoteKey: again.key,
    });
    expect(vatChanged).toMatchObject({ ok: false, code: "conflict" });
    const unseen = await submitAs(customer, {
      orderId: order.id,
      input: bed.input as unknown as DraftInput,
      test: false,
      quoteKey: "not-shown",
    });
    expect(unseen).toMatchObject({ ok: false, code: "conflict" });

    // Reviewing again shows the new price, and that one is sent and stored.
    const fresh = await reviewQuote(customer, order.id, input());
    expect(fresh.quote).toMatchObject({ net: "125.00", vatRate: "20.00", gross: "150.00" });
    const sent = await submitAs(customer, {
      orderId: order.id,
      input: bed.input as unknown as DraftInput,
      test: false,
      quoteKey: fresh.key,
    });
    expect(sent).toMatchObject({ ok: true });
    expect(
      (await (await db()).order.findUniqueOrThrow({ where: { id: order.id } })).quoteGross?.toFixed(2),
    ).toBe("150.00");
  });

  test("price on request: the order may be placed and stores no quote", async () => {
    const order = await draft();
    const shown = await reviewQuote(customer, order.id, input());
    expect(shown).toEqual({ quote: null, key: "on-request" });
    const sent = await submitAs(customer, {
      orderId: order.id,
      input: bed.input as unknown as DraftInput,
      test: false,
      quoteKey: shown.key,
    });
    expect(sent).toMatchObject({ ok: true });
    const row = await (await db()).order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row.quoteNet).toBeNull();
    expect(row.sectigoOrderNumber).not.toBeNull();
  });

  test("a customer cannot read another organization's prices through the review", async () => {
    const stranger = await newUser("CUSTOMER");
    const order = await draft(orgId);
    await expect(reviewQuote(stranger, order.id, input())).rejects.toMatchObject({ code: "not_found" });
  });
});
