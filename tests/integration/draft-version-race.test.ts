import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { saveDraftAction, submitOrderAction } from "@/app/(portal)/orders/actions";
import { db } from "@/lib/db";
import { runDueRetry } from "@/lib/orders/lifecycle/run-due-retry";
import { useSectigoClient as setSectigoClient } from "@/lib/orders/lifecycle/send";
import { PARAMS } from "@/lib/sectigo/registry";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { buildRequestParams } from "@/lib/sectigo/wire";
import type { SessionUser } from "@/lib/users/data";
import { newUser, sandboxOrders, setEnv, setFaults, startTestbed, type Testbed } from "./order-harness";

// A save from a second tab racing the submission from the first (issue defect 2): whatever
// interleaving happens, the stored order must be exactly what the CA got (or, when nothing was
// sent, still an editable draft), and a save can only write a draft at the version it saw.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth", async () => (await import("@/tests/support/session")).sessionAuth(session));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const RACES = 50;
const PARTIAL = { product: 781, organizationName: "Partial Tab GmbH" };

let bed: Testbed;
let customer: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("draft_race");
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  setSectigoClient(bed.client);
  setEnv({ RETRY_MAX_ATTEMPTS: "3", RETRY_BASE_DELAY_MS: "200" });
  customer = await newUser("CUSTOMER");
  session.userId = customer.id;
});

async function stored(orderId: string) {
  const prisma = await db();
  return prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      status: true,
      version: true,
      input: true,
      organizationName: true,
      externalOrderNumber: true,
      _count: { select: { attempts: true } },
    },
  });
}

/** The parameters the stored input would send, without the credentials, as the sandbox keeps them. */
function wireOf(input: unknown, fon: string): Record<string, string> {
  const parsed = orderInputSchema.safeParse(input);
  if (!parsed.success) return { invalidStoredInput: JSON.stringify(parsed.error.issues.map((i) => i.path)) };
  const params = buildRequestParams(parsed.data, {
    loginName: "",
    loginPassword: "",
    foreignOrderNumber: fon,
    checkFONIsUnique: true,
    test: false,
  });
  params.delete(PARAMS.loginName.wire);
  params.delete(PARAMS.loginPassword.wire);
  return Object.fromEntries(params.entries());
}

/** Tab one saves the review step and submits; tab two, at the same version, saves a partial draft. */
async function race(i: number) {
  const created = await saveDraftAction(undefined, { input: bed.input, step: "review", test: false });
  if (!created.ok || !created.data) throw new Error(`creating the draft: ${JSON.stringify(created)}`);
  const { orderId } = created.data as { orderId: string };
  const version = (await stored(orderId)).version;
  const [submitted, saved] = await Promise.all([
    submitOrderAction(undefined, { orderId, version, input: bed.input, test: false }),
    (async () => {
      // Spread the second tab's save over the submission's validation, store and claim.
      await sleep(i % 12);
      return saveDraftAction(undefined, { orderId, version, input: PARTIAL, step: "organization" });
    })(),
  ]);
  return { orderId, submitted, saved };
}

function sandboxParams(order: { params: Record<string, string> }) {
  const params = { ...order.params };
  delete params[PARAMS.loginName.wire];
  delete params[PARAMS.loginPassword.wire];
  return params;
}

function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const sorted = (o: Record<string, string>) =>
    JSON.stringify(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));
  return sorted(a) === sorted(b);
}

describe("a save from a second tab racing the submission", () => {
  test(`healthy send, ${RACES} races: what is stored is exactly what the CA placed`, async () => {
    const drift: string[] = [];
    const bothWon: string[] = [];
    let placed = 0;
    for (let i = 0; i < RACES; i += 1) {
      const { orderId, submitted, saved } = await race(i);
      const row = await stored(orderId);
      const atCa = await sandboxOrders(bed.sandbox, row.externalOrderNumber);
      // One write wins: the submission and the second tab's save cannot both succeed.
      if (submitted.ok && saved.ok) bothWon.push(`race ${i}`);
      if (row.status === "DRAFT") {
        expect(atCa, `race ${i}: a draft was placed`).toHaveLength(0);
        expect(row._count.attempts).toBe(0);
        continue;
      }
      placed += 1;
      expect(row.status, `race ${i}`).toBe("PLACED");
      expect(atCa, `race ${i}`).toHaveLength(1);
      const expected = wireOf(row.input, row.externalOrderNumber);
      if (!sameParams(sandboxParams(atCa[0]!), expected)) drift.push(`race ${i}`);
      else expect(row.organizationName).toBe(atCa[0]!.params[PARAMS.organizationName.wire]);
    }
    expect(drift).toEqual([]);
    expect(bothWon).toEqual([]);
    expect(placed).toBeGreaterThan(0);
  }, 180_000);

  test(`503 on the send, ${RACES} races: the automatic retry sends exactly what is stored, and never fails validation`, async () => {
    const drift: string[] = [];
    const bothWon: string[] = [];
    const sent: string[] = [];
    await setFaults(bed.sandbox, { mode: "http503" });
    for (let i = 0; i < RACES; i += 1) {
      const { orderId, submitted, saved } = await race(i);
      if (submitted.ok && saved.ok) bothWon.push(`race ${i}`);
      const row = await stored(orderId);
      if (row.status === "DRAFT") expect(row._count.attempts).toBe(0);
      else {
        expect(row.status, `race ${i}`).toBe("RETRY_SCHEDULED");
        sent.push(orderId);
      }
    }
    expect(sent.length).toBeGreaterThan(0);
    // Sectigo answers again: each scheduled retry sends the stored order.
    await setFaults(bed.sandbox, {});
    const prisma = await db();
    for (const orderId of sent) {
      const run = await runDueRetry(prisma, orderId, new Date(Date.now() + 3_600_000)).catch(
        (error: unknown) => ({ outcome: "threw", message: String(error).slice(0, 120) }),
      );
      if (run.outcome !== "sent") {
        drift.push(`${orderId}: retry ${JSON.stringify(run)}`);
        continue;
      }
      expect(run).toMatchObject({ outcome: "sent", status: "PLACED" });
      const row = await stored(orderId);
      const atCa = await sandboxOrders(bed.sandbox, row.externalOrderNumber);
      expect(atCa).toHaveLength(1);
      if (!sameParams(sandboxParams(atCa[0]!), wireOf(row.input, row.externalOrderNumber)))
        drift.push(orderId);
    }
    expect(drift).toEqual([]);
    expect(bothWon).toEqual([]);
  }, 240_000);
});

describe("saving a draft at a version", () => {
  test("a save at a stale version is refused with a clear message and changes nothing", async () => {
    const created = await saveDraftAction(undefined, { input: PARTIAL, step: "organization" });
    if (!created.ok || !created.data) throw new Error("creating the draft failed");
    const { orderId } = created.data as { orderId: string };
    const first = await stored(orderId);
    // The first tab moves on; the second still holds the version it loaded.
    const moved = await saveDraftAction(undefined, {
      orderId,
      version: first.version,
      input: { ...PARTIAL, organizationName: "Tab One GmbH" },
      step: "details",
    });
    expect(moved).toMatchObject({ ok: true });
    const before = await stored(orderId);
    expect(before.version).toBe(first.version + 1);

    const stale = await saveDraftAction(undefined, {
      orderId,
      version: first.version,
      input: { ...PARTIAL, organizationName: "Tab Two GmbH" },
      step: "organization",
    });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.message).toMatch(/changed in another window/i);
    expect(await stored(orderId)).toEqual(before);
    expect(before.organizationName).toBe("Tab One GmbH");
  });

  test("a save that names no version for an existing order is refused", async () => {
    const created = await saveDraftAction(undefined, { input: PARTIAL, step: "organization" });
    const { orderId } = (created as { data: { orderId: string } }).data;
    const before = await stored(orderId);
    const result = await saveDraftAction(undefined, { orderId, input: { product: 777 }, step: "product" });
    expect(result.ok).toBe(false);
    expect(await stored(orderId)).toEqual(before);
  });

  test("a submission at a stale version is refused and sends nothing", async () => {
    const created = await saveDraftAction(undefined, { input: bed.input, step: "review" });
    const { orderId } = (created as { data: { orderId: string } }).data;
    const first = await stored(orderId);
    await saveDraftAction(undefined, { orderId, version: first.version, input: bed.input, step: "review" });
    const before = await stored(orderId);
    const result = await submitOrderAction(undefined, {
      orderId,
      version: first.version,
      input: bed.input,
      test: false,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/changed in another window/i);
    expect(await stored(orderId)).toEqual(before);
    expect(await sandboxOrders(bed.sandbox, before.externalOrderNumber)).toHaveLength(0);
  });
});
