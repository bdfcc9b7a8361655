import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  deleteDraftAction,
  previewRequestAction,
  saveDraftAction,
  submitOrderAction,
} from "@/app/(portal)/orders/actions";
import type { ActionState } from "@/lib/actions";
import { db } from "@/lib/db";
import {
  draftInputSchema,
  previewSchema,
  saveDraftSchema,
  submitOrderSchema,
  type DraftInput,
} from "@/lib/orders/model/draft-input";
import { createDraft, saveDraft } from "@/lib/orders/commands/drafts";
import type { SessionUser } from "@/lib/users/data";
import { newUser, orderRow, startTestbed, submitAs, type Testbed } from "@/tests/integration/order-harness";
import { deeplyNested, hostileStrings, hostileValues, TEN_MB } from "./support/arbitraries";

// The wizard's server actions as an attacker reaches them: a plain POST with any JSON (or, from
// a JavaScript caller, any value). Every such request must come back as a validation result,
// and leave the database and the CA exactly as they were.

// The actions read the session through Auth.js; here it is a real session of whoever `session.userId` names.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth", async () => (await import("@/tests/support/session")).sessionAuth(session));
// Only a successful submission revalidates, and that needs Next's request store.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let bed: Testbed;
let customer: SessionUser;
let draftId: string;
let validOrder: Record<string, unknown>;

const RUNS = { numRuns: 60 };
const HUGE = "x".repeat(TEN_MB);
const DEEP = 10_000;

async function sandboxOrderCount(): Promise<number> {
  const response = await fetch(`${bed.sandbox.url}/sandbox/orders`);
  return ((await response.json()) as unknown[]).length;
}

/** Everything a request could have changed: every order as stored, the side tables, the CA. */
async function snapshot() {
  const prisma = await db();
  const [orders, attempts, shipping, audit, sent] = await Promise.all([
    prisma.order.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        status: true,
        version: true,
        input: true,
        currentStep: true,
        test: true,
        productCode: true,
        days: true,
        organizationName: true,
        commonName: true,
        submittedAt: true,
        updatedAt: true,
      },
    }),
    prisma.orderAttempt.count(),
    prisma.shippingDetails.count(),
    prisma.auditEvent.count(),
    sandboxOrderCount(),
  ]);
  return { orders, attempts, shipping, audit, sent };
}

type Action = (previous: undefined, raw: unknown) => Promise<ActionState<unknown>>;

/** The draft's current version, as the wizard knows it from its last save. */
async function versionOf(orderId: string): Promise<number> {
  const prisma = await db();
  return (await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { version: true } }))
    .version;
}

/** Calls an action; it must answer ok false with a message and field errors, and change nothing. */
async function expectRefused(action: Action, raw: unknown, field?: string) {
  const before = await snapshot();
  const result = await action(undefined, raw);
  expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(false);
  if (result.ok) return;
  expect(result.message.length).toBeGreaterThan(10);
  expect(typeof result.fieldErrors).toBe("object");
  // The action's draft schema names a field "input.<key>"; the full order check, "<key>".
  if (field)
    expect(Object.keys(result.fieldErrors)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^(input\\.)?${field}(\\.|$)`))]),
    );
  expect(await snapshot()).toEqual(before);
}

/** Values no draft field accepts: wrong types, oversized or unstorable text. */
const badFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.object({ maxDepth: 2 }),
  fc.array(fc.oneof(fc.integer(), fc.object(), fc.constant(null)), { minLength: 1, maxLength: 5 }),
  fc.array(fc.constant(HUGE), { minLength: 1, maxLength: 2 }),
  fc.constantFrom(NaN, Infinity, -Infinity, 10n, HUGE, new Date(0), new Map(), new Set([1])),
  // PostgreSQL cannot store NUL in text or jsonb, nor a lone UTF-16 surrogate in jsonb.
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom("\u0000", "\ud800", "\udfff"), fc.string())
    .map((parts) => parts.join("")),
  fc
    .array(fc.constantFrom("a", "\u0000", "\udc00"), { minLength: 1 })
    .map((items) => [items.join("") + "\u0000"]),
);

const fieldKey = fc.constantFrom(
  "product",
  "days",
  "csr",
  "organizationName",
  "domainNames",
  "primaryDomainName",
  "appRepEmailAddress",
  "countryName",
  // A Y/N flag the customer decides (isCustomerValidated is the reseller's now: never a field).
  "prioritiseCSRValues",
);

/** A record of draft fields that is certainly not a valid order (never sent to the CA). */
const hostileInput = fc.dictionary(
  fc.oneof(fieldKey, fc.constantFrom("__proto__", "constructor", "prototype", "\u0000"), fc.string()),
  hostileValues,
  { maxKeys: 6 },
);

// Not "781": the shared schema reads FormData too, so a numeric string is that number.
const productsNotSold = fc.constantFrom<unknown>(
  0,
  -1,
  776,
  793,
  1.5,
  2 ** 31,
  1e20,
  -0.0001,
  "78 1",
  "__proto__",
  [781],
);

beforeAll(async () => {
  bed = await startTestbed("hostile_submission");
  validOrder = bed.input as Record<string, unknown>;
});
afterAll(async () => {
  session.userId = null;
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  customer = await newUser("CUSTOMER");
  session.userId = customer.id;
  const { csr: _csr, ...partial } = validOrder;
  draftId = (await createDraft(customer, partial as DraftInput, "csr", false)).id;
});

describe("the action schemas", () => {
  it("answer every value with a result, never an exception", () => {
    fc.assert(
      fc.property(hostileValues, (raw) => {
        for (const schema of [saveDraftSchema, submitOrderSchema, previewSchema, draftInputSchema]) {
          const parsed = schema.safeParse(raw);
          if (!parsed.success) expect(parsed.error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuse every field value a draft cannot hold", () => {
    fc.assert(
      fc.property(fieldKey, badFieldValue, (key, value) => {
        const parsed = draftInputSchema.safeParse({ [key]: value });
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues.map((issue) => issue.path[0])).toContain(key);
      }),
      { numRuns: 300 },
    );
  });

  it("answer 10,000 levels of nesting anywhere without overflowing the stack", () => {
    for (const kind of ["array", "object"] as const) {
      const deep = deeplyNested(DEEP, kind);
      expect(submitOrderSchema.safeParse(deep).success).toBe(false);
      const inField = { orderId: "x", input: { organizationName: deep }, test: false };
      expect(submitOrderSchema.safeParse(inField).success).toBe(false);
      const inList = { orderId: "x", input: { domainNames: [deep] }, test: false };
      expect(submitOrderSchema.safeParse(inList).success).toBe(false);
      // Unknown keys are dropped without being walked.
      expect(draftInputSchema.safeParse({ junk: deep }).data).toEqual({});
    }
    expect(submitOrderSchema.safeParse({ orderId: "x", input: deeplyNested(DEEP, "array") }).success).toBe(
      false,
    );
    expect(
      submitOrderSchema.safeParse({ orderId: "x", input: deeplyNested(DEEP, "object") }).data?.input,
    ).toEqual({});
  });
});

describe("submitOrderAction", () => {
  it("refuses arbitrary values as the whole request", async () => {
    await fc.assert(
      fc.asyncProperty(hostileValues, (raw) => expectRefused(submitOrderAction, raw)),
      RUNS,
    );
  });

  it("refuses arbitrary field values for the customer's own draft", async () => {
    await fc.assert(
      fc.asyncProperty(hostileInput, fc.oneof(fc.boolean(), hostileValues), (input, test) =>
        expectRefused(submitOrderAction, { orderId: draftId, input, test }),
      ),
      RUNS,
    );
  });

  it("refuses a valid order with one field replaced by a hostile value", async () => {
    await fc.assert(
      fc.asyncProperty(fieldKey, badFieldValue, (key, value) =>
        expectRefused(submitOrderAction, { orderId: draftId, input: { ...validOrder, [key]: value } }, key),
      ),
      RUNS,
    );
  });

  it("refuses products that are not sold, as a product field error", async () => {
    await fc.assert(
      fc.asyncProperty(productsNotSold, (product) =>
        expectRefused(submitOrderAction, { orderId: draftId, input: { ...validOrder, product } }, "product"),
      ),
      { numRuns: 30 },
    );
  });

  it("refuses wrong types and hostile text as the order id and the test switch", async () => {
    const wrongId = fc.oneof(
      hostileValues.filter((v) => typeof v !== "string"),
      hostileStrings,
      fc.constantFrom("", HUGE, "\u0000", `${"a".repeat(20)}\u0000`, "\ud800", "' OR 1=1 --"),
    );
    await fc.assert(
      fc.asyncProperty(wrongId, (orderId) =>
        expectRefused(submitOrderAction, { orderId, input: validOrder }),
      ),
      RUNS,
    );
    for (const test of ["true", 1, null, [], {}, "\u0000"]) {
      await expectRefused(submitOrderAction, { orderId: draftId, input: validOrder, test }, "test");
    }
  });

  it("refuses 10 MB values and 10,000 levels of nesting in any place", async () => {
    const deepArray = deeplyNested(DEEP, "array");
    const deepObject = deeplyNested(DEEP, "object");
    const requests: unknown[] = [
      HUGE,
      deepArray,
      deepObject,
      { orderId: HUGE, input: validOrder },
      { orderId: draftId, input: { ...validOrder, csr: HUGE } },
      { orderId: draftId, input: { ...validOrder, organizationName: HUGE } },
      { orderId: draftId, input: { ...validOrder, domainNames: [HUGE] } },
      { orderId: draftId, input: deepObject },
      { orderId: draftId, input: { ...validOrder, organizationName: deepArray } },
      { orderId: draftId, input: { ...validOrder, domainNames: [deepArray] } },
      { orderId: deepObject, input: validOrder },
    ];
    for (const raw of requests) await expectRefused(submitOrderAction, raw);
  });

  it("refuses control characters and NUL in every text field of a valid order", async () => {
    const texts = Object.entries(validOrder).filter(([, value]) => typeof value === "string");
    for (const [key, value] of texts) {
      for (const bad of ["\u0000", "\u0007", "\u001b[31m", "\ud800", "\udfff"]) {
        await expectRefused(
          submitOrderAction,
          { orderId: draftId, input: { ...validOrder, [key]: `${value as string}${bad}` } },
          key,
        );
      }
    }
  });

  it("ignores prototype-pollution keys and pollutes nothing", async () => {
    const raw = JSON.parse(
      `{"orderId":"${draftId}","__proto__":{"ok":true,"polluted":1},"constructor":{"prototype":{"polluted":1}},` +
        `"input":{"__proto__":{"product":781,"polluted":1},"constructor":{"prototype":{"polluted":1}},"product":"x"}}`,
    ) as unknown;
    await expectRefused(submitOrderAction, raw, "product");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).ok).toBeUndefined();
  });

  it("a valid order still goes through (the checks above can fail)", async () => {
    const sent = await sandboxOrderCount();
    const result = await submitOrderAction(undefined, { orderId: draftId, input: validOrder, test: false });
    expect(result).toMatchObject({ ok: true });
    expect(await sandboxOrderCount()).toBe(sent + 1);
    expect((await orderRow(draftId)).status).not.toBe("DRAFT");
  });
});

describe("submitOrder in the domain layer", () => {
  it("refuses unstorable text that bypassed the action's schema", async () => {
    for (const bad of ["\u0000", "\ud800", "\udc00x", "a\ud83d"]) {
      const before = await snapshot();
      const input = { ...validOrder, organizationName: `Example${bad}` } as DraftInput;
      const result = await submitAs(customer, { orderId: draftId, input, test: false });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(Object.keys(result.fieldErrors)).toContain("organizationName");
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe("saveDraftAction and deleteDraftAction", () => {
  it("refuse arbitrary values as the whole request", async () => {
    await fc.assert(
      fc.asyncProperty(hostileValues, async (raw) => {
        await expectRefused(saveDraftAction, raw);
        await expectRefused(deleteDraftAction, raw);
      }),
      RUNS,
    );
  });

  it("refuse field values a draft cannot hold, for a new and an existing draft", async () => {
    await fc.assert(
      fc.asyncProperty(fieldKey, badFieldValue, fc.boolean(), async (key, value, existing) => {
        const raw = { orderId: existing ? draftId : undefined, input: { [key]: value }, step: "csr" };
        await expectRefused(saveDraftAction, raw, key);
      }),
      RUNS,
    );
  });

  it("refuse hostile order ids, steps and test switches", async () => {
    const requests: unknown[] = [
      { orderId: "\u0000", input: {}, step: "csr" },
      { orderId: `${draftId}\u0000`, input: {}, step: "csr" },
      { orderId: "\ud800", input: {}, step: "csr" },
      { orderId: HUGE, input: {}, step: "csr" },
      { orderId: 42, input: {}, step: "csr" },
      { orderId: draftId, input: {}, step: "csr\u0000" },
      { orderId: draftId, input: {}, step: "__proto__" },
      { orderId: draftId, input: {}, step: HUGE },
      { orderId: draftId, input: {}, step: "csr", test: "yes" },
      { orderId: draftId, input: [], step: "csr" },
      { orderId: draftId, input: { csr: HUGE }, step: "csr" },
    ];
    for (const raw of requests) await expectRefused(saveDraftAction, raw);
    for (const orderId of ["\u0000", `${draftId}\u0000`, "\ud800", HUGE, "", 42, null]) {
      await expectRefused(deleteDraftAction, { orderId });
    }
  });

  it("store numbers that fit no column as a draft, without a partial or failed write", async () => {
    // A draft keeps what was typed; the listing columns (INTEGER) take only what fits.
    for (const product of [1e20, 2 ** 31, -(2 ** 31) - 1, 1.5, -0.5, Number.MAX_VALUE, Number.MIN_VALUE]) {
      for (const orderId of [undefined, draftId]) {
        const version = orderId ? await versionOf(orderId) : undefined;
        const result = await saveDraftAction(undefined, {
          orderId,
          version,
          input: { product, days: product },
          step: "product",
        });
        expect(result.ok, JSON.stringify(result)).toBe(true);
        const id = result.ok ? (result.data as { orderId: string }).orderId : "";
        const prisma = await db();
        const row = await prisma.order.findUniqueOrThrow({
          where: { id },
          select: { input: true, productCode: true },
        });
        expect(row.input).toEqual({ product, days: product });
        expect(row.productCode).toBeNull();
      }
    }
  });

  it("refuse a key the database could not store, at the object holding it", async () => {
    await expectRefused(
      saveDraftAction,
      { orderId: draftId, input: { "\u0000": "x" }, step: "organization" },
      "input",
    );
  });

  it("drop unknown and prototype-pollution keys, 10 MB values under them included", async () => {
    const input = JSON.parse(
      `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"organizationName":"Example"}`,
    ) as Record<string, unknown>;
    input.unknownField = HUGE;
    input.deep = deeplyNested(DEEP, "object");
    const result = await saveDraftAction(undefined, {
      orderId: draftId,
      version: await versionOf(draftId),
      input,
      step: "organization",
    });
    expect(result).toMatchObject({ ok: true });
    const prisma = await db();
    const row = await prisma.order.findUniqueOrThrow({ where: { id: draftId }, select: { input: true } });
    expect(row.input).toEqual({ organizationName: "Example" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("lib saveDraft and createDraft refuse nothing the schema let through", async () => {
    // The schema is the action's only filter; whatever passes it must be storable.
    await fc.assert(
      fc.asyncProperty(hostileInput, async (raw) => {
        const parsed = draftInputSchema.safeParse(raw);
        if (!parsed.success) return;
        await saveDraft(customer, draftId, await versionOf(draftId), parsed.data, "details", false);
        await createDraft(customer, parsed.data, "details", false);
      }),
      RUNS,
    );
  });
});

describe("previewRequestAction", () => {
  it("answers every hostile request with a result", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileValues,
          hostileInput.map((input) => ({ input })),
        ),
        async (raw) => {
          const result = await previewRequestAction(undefined, raw);
          expect(typeof result.ok).toBe("boolean");
        },
      ),
      RUNS,
    );
  });
});
