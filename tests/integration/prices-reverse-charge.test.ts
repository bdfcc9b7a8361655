import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { exportOrdersCsv } from "@/lib/orders/queries/export";
import { adminOrderFiltersSchema } from "@/lib/orders/model/search-params";
import { setVatNumber } from "@/lib/organizations/vat-number";
import { setPrice, setVatRate } from "@/lib/prices/admin";
import { quoteFor } from "@/lib/prices/lookup";
import { quoteInWords, quotedNetInWords } from "@/lib/prices/margin";
import { checkEuVatNumber } from "@/lib/prices/reverse-charge";
import { reviewQuote } from "@/lib/prices/wizard";
import type { SessionUser } from "@/lib/users/data";
import { newUser, startTestbed, submitAs, type Testbed } from "./order-harness";

// EU VAT reverse charge against a real PostgreSQL and the sandbox CA. The seller is in DE (the
// default SELLER_COUNTRY). A company with a valid VAT number of the order's country, another
// member state than DE, is quoted 0 % "reverse charge"; the seller's own country, another country
// than the VAT number's, no VAT number, or a private person: the country's rate. The quote shown
// is the quote stored, exported and shown in the admin's history.

let bed: Testbed;
let owner: SessionUser;
let requester: SessionUser;
let admin: SessionUser;
let orgId: string;
const NL_VAT = "NL810433941B01";

const inputIn = (countryName: string) =>
  ({ ...(bed.input as unknown as Record<string, unknown>), countryName }) as Record<string, unknown>;

beforeAll(async () => {
  bed = await startTestbed("reverse_charge");
});
afterAll(async () => {
  await bed?.close();
});

beforeEach(async () => {
  await bed.reset();
  [owner, requester, admin] = await Promise.all([newUser("CUSTOMER"), newUser("CUSTOMER"), newUser("ADMIN")]);
  const prisma = await db();
  await prisma.$executeRawUnsafe(`TRUNCATE "Price", "OrganizationPrice"`);
  await setVatRate(admin, { countryCode: "DE", rate: "19" });
  await setVatRate(admin, { countryCode: "NL", rate: "21" });
  await setVatRate(admin, { countryCode: "FR", rate: "20" });
  await setPrice(admin, { choice: "781:365", net: "120.00", currency: "EUR", organizationId: "" });
  const org = await prisma.organization.create({ data: { name: "Zegel BV", approvalRequired: false } });
  orgId = org.id;
  await prisma.membership.createMany({
    data: [
      { organizationId: orgId, userId: owner.id, roles: ["OWNER"] },
      { organizationId: orgId, userId: requester.id, roles: ["REQUESTER"] },
    ],
  });
});

describe("the VAT number", () => {
  test("is checked per member state by jsvat and normalised", () => {
    expect(checkEuVatNumber("nl 8104.33941-b01")).toEqual({ ok: true, vatNumber: NL_VAT, country: "NL" });
    expect(checkEuVatNumber("EL094259216")).toEqual({ ok: true, vatNumber: "EL094259216", country: "GR" });
    expect(checkEuVatNumber("GR094259216")).toMatchObject({ ok: false, message: /start with EL/ });
    expect(checkEuVatNumber("NL810433942B01")).toMatchObject({ ok: false, message: /check digits/ });
    expect(checkEuVatNumber("DE12345")).toMatchObject({
      ok: false,
      message: /shape of a VAT number of Germany \(DE\)/,
    });
    expect(checkEuVatNumber("CHE123456789")).toMatchObject({ ok: false, message: /not an EU member state/ });
    expect(checkEuVatNumber("GB123456789")).toMatchObject({ ok: false, message: /not an EU member state/ });
  });

  test("only an owner sets it; a bad one is refused and changes nothing; each change is audited", async () => {
    const prisma = await db();
    await expect(setVatNumber(requester, { organizationId: orgId, vatNumber: NL_VAT })).rejects.toMatchObject(
      {
        code: "not_found",
      },
    );
    await expect(
      setVatNumber(owner, { organizationId: orgId, vatNumber: "NL810433942B01" }),
    ).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { vatNumber: [expect.stringMatching(/check digits/)] },
    });
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: orgId } })).vatNumber).toBeNull();
    expect(await setVatNumber(owner, { organizationId: orgId, vatNumber: "nl810433941b01" })).toBe(NL_VAT);
    expect(await setVatNumber(owner, { organizationId: orgId, vatNumber: "" })).toBeNull();
    const audit = await prisma.auditEvent.findMany({
      where: { action: "organization.vat_number_changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.details)).toEqual([
      { organizationId: orgId, before: null, after: NL_VAT },
      { organizationId: orgId, before: NL_VAT, after: null },
    ]);
  });
});

describe("the reverse charge rule", () => {
  test("another member state's company with a valid VAT number: 0 %, reverse charge", async () => {
    const prisma = await db();
    await setVatNumber(owner, { organizationId: orgId, vatNumber: NL_VAT });
    const quote = await quoteFor(prisma, orgId, inputIn("NL"));
    expect(quote).toMatchObject({
      net: "120.00",
      vatRate: "0.00",
      vat: "0.00",
      gross: "120.00",
      vatCountry: "NL",
      reverseCharge: true,
      vatNumber: NL_VAT,
    });
    expect(quote!.vatNote).toMatch(
      /^Reverse charge: no VAT charged; the customer \(VAT number NL810433941B01\)/,
    );
  });

  test("the seller's country, another country than the VAT number's, no VAT number, a private person: the country's rate", async () => {
    const prisma = await db();
    await setVatNumber(owner, { organizationId: orgId, vatNumber: NL_VAT });
    // An order for a German address (the seller's country) of the same company.
    expect(await quoteFor(prisma, orgId, inputIn("DE"))).toMatchObject({
      vatRate: "19.00",
      reverseCharge: false,
    });
    // A French address: the Dutch number does not make a French supply reverse-charged.
    expect(await quoteFor(prisma, orgId, inputIn("FR"))).toMatchObject({
      vatRate: "20.00",
      reverseCharge: false,
    });
    // A German company (the seller's own member state) pays German VAT.
    await setVatNumber(owner, { organizationId: orgId, vatNumber: "DE136695976" });
    expect(await quoteFor(prisma, orgId, inputIn("DE"))).toMatchObject({
      vatRate: "19.00",
      reverseCharge: false,
    });
    await setVatNumber(owner, { organizationId: orgId, vatNumber: "" });
    expect(await quoteFor(prisma, orgId, inputIn("NL"))).toMatchObject({
      vatRate: "21.00",
      vat: "25.20",
      reverseCharge: false,
      vatNumber: null,
    });
    // A private person's own organization never gets it, whatever is stored there.
    await prisma.organization.update({ where: { id: requester.id }, data: { vatNumber: NL_VAT } });
    expect(await quoteFor(prisma, requester.id, inputIn("NL"))).toMatchObject({
      vatRate: "21.00",
      reverseCharge: false,
    });
  });

  test("the quote shown is stored, exported and in the admin's history as reverse charge", async () => {
    const prisma = await db();
    await setVatNumber(owner, { organizationId: orgId, vatNumber: NL_VAT });
    const input = inputIn("NL") as DraftInput;
    const draft = await createDraft(requester, input, "review", false, { organizationId: orgId });
    const shown = await reviewQuote(requester, draft.id, input);
    expect(shown.quote).toMatchObject({ reverseCharge: true, gross: "120.00" });
    expect(shown.key).toContain(`reverse-charge:${NL_VAT}`);
    const sent = await submitAs(requester, { orderId: draft.id, input, test: false, quoteKey: shown.key });
    expect(sent).toMatchObject({ ok: true, status: "PLACED" });
    const row = await prisma.order.findUniqueOrThrow({ where: { id: draft.id } });
    expect({
      reverse: row.quoteReverseCharge,
      number: row.quoteVatNumber,
      rate: row.quoteVatRate?.toFixed(2),
      vat: row.quoteVat?.toFixed(2),
      gross: row.quoteGross?.toFixed(2),
    }).toEqual({ reverse: true, number: NL_VAT, rate: "0.00", vat: "0.00", gross: "120.00" });
    expect(quoteInWords({ ...row })).toBe(
      "€120.00 (net €120.00, VAT 0 % reverse charge NL, customer VAT number NL810433941B01)",
    );
    expect(quotedNetInWords(row)).toBe("€120.00 (reverse charge)");

    // The VAT number changing afterwards does not alter the stored quote.
    await setVatNumber(owner, { organizationId: orgId, vatNumber: "" });
    const csv = await new Response(exportOrdersCsv(admin, adminOrderFiltersSchema.parse({}))).text();
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    const columns = header!.split(",");
    const line = lines.find((l) => l.includes(row.externalOrderNumber))!.split(",");
    expect(line[columns.indexOf("Reverse charge")]).toBe("yes");
    expect(line[columns.indexOf("Customer VAT number")]).toBe(NL_VAT);
    expect(line[columns.indexOf("Quoted VAT rate (%)")]).toBe("0.00");
  });
});
