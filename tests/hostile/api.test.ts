import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createApiKey } from "@/lib/api-keys/manage";
import { resetApiLimiter } from "@/lib/api/rate-limit";
import { startApiServer, type ApiServer } from "@/tests/support/api-server";
import { makeOrganization } from "@/tests/integration/organization-fixture";
import { newUser, setEnv, startTestbed, type Testbed } from "@/tests/integration/order-harness";
import { hostileStrings, hostileValues } from "./support/arbitraries";

// The hostile-input properties of the wizard's actions, against /api/v1 over HTTP: any body, any
// header, any id. Every answer is a problem or a success, never a 500, and a refused request
// leaves the orders, the keys and the CA as they were.

let bed: Testbed;
let api: ApiServer;
let secret: string;
let orderId: string;
const RUNS = { numRuns: 40 };

async function sandboxOrderCount(): Promise<number> {
  return ((await (await fetch(`${bed.sandbox.url}/sandbox/orders`)).json()) as unknown[]).length;
}

async function snapshot() {
  const prisma = await db();
  const [orders, attempts, keys, sent] = await Promise.all([
    prisma.order.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, version: true, input: true, test: true, currentStep: true },
    }),
    prisma.orderAttempt.count(),
    prisma.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true, role: true } }),
    sandboxOrderCount(),
  ]);
  return { orders, attempts, keys, sent };
}

/** A JSON text for any value (what JSON cannot say becomes a string), or the raw text itself. */
function bodyOf(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
  } catch {
    return String(value);
  }
}

/** Percent-encodes any text; a lone surrogate travels as UTF-8 can carry it (U+FFFD). */
const enc = (text: string) =>
  encodeURIComponent(
    text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"),
  );

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), text };
}

beforeAll(async () => {
  bed = await startTestbed("api_hostile");
  setEnv({
    SECTIGO_API_URL: bed.sandbox.url,
    SECTIGO_LOGIN_NAME: bed.sandbox.loginName,
    SECTIGO_LOGIN_PASSWORD: bed.sandbox.loginPassword,
    API_REQUESTS_PER_MINUTE: "100000",
  });
  resetApiLimiter();
  api = await startApiServer();
  const owner = await newUser("CUSTOMER");
  const org = await makeOrganization("Hostile GmbH", [[owner, ["OWNER"]]], { approvalRequired: false });
  secret = (
    await createApiKey(owner, { organizationId: org.id, name: "fuzz", role: "REQUESTER", expiresOn: null })
  ).secret;
  const created = await send("POST", "/orders", JSON.stringify({ input: { product: 781 } }));
  orderId = (JSON.parse(created.text) as { id: string }).id;
});

afterAll(async () => {
  await api?.close();
  await bed?.close();
});

const WRITES = [
  ["PATCH", () => `/orders/${orderId}`],
  ["POST", () => `/orders/${orderId}/submit`],
  ["POST", () => `/orders/${orderId}/cancel`],
  ["POST", () => `/orders/${orderId}/revoke`],
  ["POST", () => `/orders/${orderId}/dcv`],
  ["POST", () => `/orders/${orderId}/approve`],
  ["POST", () => "/orders/validate"],
] as const;

describe("hostile input through the API", () => {
  test("any body to any write: no 500, a problem+json on refusal, nothing changed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WRITES),
        fc.oneof(
          hostileValues,
          fc.record({ version: hostileValues, input: hostileValues }),
          fc.record({
            version: fc.constant(0),
            input: fc.dictionary(hostileStrings, hostileValues, { maxKeys: 5 }),
          }),
        ),
        async ([method, path], value) => {
          const before = await snapshot();
          const answer = await send(method, path(), bodyOf(value));
          expect(answer.status, answer.text).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.type).toBe("application/problem+json");
            expect(await snapshot()).toEqual(before);
          }
        },
      ),
      RUNS,
    );
  });

  test("any id, query and Idempotency-Key: no 500, nothing changed", async () => {
    await fc.assert(
      fc.asyncProperty(hostileStrings, hostileStrings, async (text, other) => {
        const before = await snapshot();
        const id = enc(text) || "x";
        const answers = [
          await send("GET", `/orders/${id}`),
          await send("GET", `/orders/${id}/certificate?format=${enc(other)}`),
          await send("GET", `/orders?q=${enc(text)}&after=${enc(other)}&limit=${enc(other)}`),
          await send("POST", `/orders/${id}/submit`, JSON.stringify({ version: 0 }), {
            // Only what HTTP can carry in a header reaches the server.
            "idempotency-key": other.replace(/[^\x20-\x7e]/g, "") || "k",
          }),
        ];
        answers.forEach((answer, i) => expect(answer.status, `${i}: ${answer.text}`).toBeLessThan(500));
        const snapshotAfter = await snapshot();
        expect(snapshotAfter).toEqual(before);
      }),
      RUNS,
    );
    // 40 runs of four requests and two snapshots each: slow on a busy machine, not stuck.
  }, 120_000);

  test("deep nesting and a body over the limit are answered cleanly", async () => {
    // Written as text: JSON.stringify itself cannot go this deep.
    const DEEP = 10_000;
    for (const value of [
      "[".repeat(DEEP) + "]".repeat(DEEP),
      '{"a":'.repeat(DEEP) + "1" + "}".repeat(DEEP),
    ]) {
      const answer = await send("PATCH", `/orders/${orderId}`, `{"version":0,"input":${value}}`);
      expect(answer.status).toBeLessThan(500);
    }
    const before = await snapshot();
    const huge = await send(
      "POST",
      "/orders",
      JSON.stringify({ input: { csr: "x".repeat(2 * 1024 * 1024) } }),
    );
    expect(huge.status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });
});
