import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDb, db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ApiKeyRole } from "@/lib/generated/prisma/enums";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/manage";
import { getOrganizationForMember } from "@/lib/organizations/queries";
import { resetApiLimiter } from "@/lib/api/rate-limit";
import { expireIdempotencyKeys } from "@/lib/api/idempotency";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { claimDueChecks, markDue, runCheck, type TrackingSettings } from "@/lib/orders/lifecycle/track";
import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import type { SessionUser } from "@/lib/users/data";
import { testCsrs } from "@/tests/sectigo/support/csrs";
import { minimalInput } from "@/tests/sectigo/support/orders";
import { API_ROUTE_FILES, startApiServer, type ApiServer } from "@/tests/support/api-server";
import { OpenAPIBackend, type Document } from "openapi-backend";
import { Validator } from "@seriousme/openapi-schema-validator";

import { makeOrganization } from "./organization-fixture";
import { startTcpProxy } from "./tcp-proxy";
import { newUser, sandboxOrders, setEnv, startTestbed, type Testbed } from "./order-harness";

// /api/v1 over real HTTP (tests/support/api-server.ts) against a real PostgreSQL database and the
// sandbox CA: keys of two organizations, every route, idempotency under concurrency, limits.

let bed: Testbed;
let api: ApiServer;
let prisma: PrismaClient;
let owner: SessionUser;
let direct: string; // sends at once
let approving: string; // legal-person orders wait for an approver
const keys = {} as Record<"requester" | "reader" | "approvingRequester" | "approver", string>;

const settings: TrackingSettings = {
  minSeconds: 60,
  maxSeconds: 3600,
  perMinute: 1000,
  leaseSeconds: 60,
  minGapSeconds: 0,
  trustedRoots: [],
};

async function key(organizationId: string, role: ApiKeyRole, name = role.toLowerCase()) {
  return (await createApiKey(owner, { organizationId, name, role, expiresOn: null })).secret;
}

/** Every exchange of the tests, validated against the OpenAPI document at the end. */
interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  contentType: string | null;
  answer: unknown;
}
const exchanges: Exchange[] = [];

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { errors?: Record<string, string[]> };
}

async function call(
  secret: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${api.url}/api/v1${path}`, {
    method,
    headers: {
      ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  const url = new URL(`${api.url}/api/v1${path}`);
  exchanges.push({
    method,
    path: url.pathname.slice("/api/v1".length),
    query: Object.fromEntries(url.searchParams),
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? text : body,
    status: response.status,
    contentType: response.headers.get("content-type"),
    answer: parsed,
  });
  return { status: response.status, headers: response.headers, body: parsed };
}

async function inputFor(code: ProductCode) {
  return minimalInput(getProduct(code)!, await testCsrs()) as Record<string, unknown>;
}

async function checkNow(orderId: string) {
  await markDue(prisma, orderId);
  const lease = (await claimDueChecks(prisma, settings)).find((l) => l.orderId === orderId)!;
  return runCheck(prisma, bed.client, lease, settings);
}

async function sandboxPost(route: string) {
  const response = await fetch(`${bed.sandbox.url}${route}`, { method: "POST" });
  expect(response.ok).toBe(true);
}

beforeAll(async () => {
  bed = await startTestbed("api_v1");
  setEnv({
    SECTIGO_API_URL: bed.sandbox.url,
    SECTIGO_LOGIN_NAME: bed.sandbox.loginName,
    SECTIGO_LOGIN_PASSWORD: bed.sandbox.loginPassword,
    API_REQUESTS_PER_MINUTE: "10000",
  });
  resetApiLimiter();
  prisma = await db();
  api = await startApiServer();
  owner = await newUser("CUSTOMER");
  direct = (await makeOrganization("Direct GmbH", [[owner, ["OWNER"]]], { approvalRequired: false })).id;
  approving = (await makeOrganization("Careful AG", [[owner, ["OWNER"]]], { approvalRequired: true })).id;
  keys.requester = await key(direct, "REQUESTER");
  keys.reader = await key(direct, "READ_ONLY");
  keys.approvingRequester = await key(approving, "REQUESTER");
  keys.approver = await key(approving, "APPROVER");
});

afterAll(async () => {
  await api?.close();
  await bed?.close();
});

describe("API keys", () => {
  test("a key is stored only as its SHA-256, its account is no visible member and cannot sign in", async () => {
    const row = await prisma.apiKey.findFirstOrThrow({
      where: { organizationId: direct, role: "REQUESTER" },
      include: { user: true },
    });
    expect(keys.requester.startsWith("eidas_live_")).toBe(true);
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(keys.requester);
    expect(row.user.disabled).toBe(true);
    const membership = await prisma.membership.findFirstOrThrow({
      where: { userId: row.userId, organizationId: direct },
    });
    expect(membership.roles).toEqual(["REQUESTER"]);
    // The members page lists people only.
    const org = await getOrganizationForMember(owner, direct);
    expect(org!.members.map((m) => m.id)).toEqual([owner.id]);
  });

  test("no key, a malformed key or an unknown key: 401 problem+json with WWW-Authenticate", async () => {
    for (const secret of [null, "nonsense", `eidas_live_${"A".repeat(43)}`]) {
      const answer = await call(secret, "GET", "/products");
      expect(answer.status).toBe(401);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(answer.headers.get("www-authenticate")).toContain("Bearer");
      expect(answer.body).toMatchObject({ status: 401, type: "/developers#problem-unauthorized" });
    }
  });

  test("a revoked key is refused at its very next call; an expired one too", async () => {
    const secret = await key(direct, "REQUESTER", "to revoke");
    expect((await call(secret, "GET", "/orders")).status).toBe(200);
    const row = await prisma.apiKey.findFirstOrThrow({ where: { name: "to revoke" } });
    await revokeApiKey(owner, direct, row.id);
    expect((await call(secret, "GET", "/orders")).status).toBe(401);
    expect((await call(secret, "POST", "/orders", { input: { product: 781 } })).status).toBe(401);
    expect(await prisma.membership.count({ where: { userId: row.userId, organizationId: direct } })).toBe(0);

    const expiring = await key(direct, "READ_ONLY", "expiring");
    expect((await call(expiring, "GET", "/products")).status).toBe(200);
    await prisma.apiKey.updateMany({
      where: { name: "expiring" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await call(expiring, "GET", "/products")).status).toBe(401);
  });

  test("every call is audited with the key's id; last use is written at most once a minute", async () => {
    const secret = await key(direct, "READ_ONLY", "audited");
    const row = await prisma.apiKey.findFirstOrThrow({ where: { name: "audited" } });
    await Promise.all([1, 2, 3].map(() => call(secret, "GET", "/orders")));
    const events = await prisma.auditEvent.findMany({ where: { apiKeyId: row.id, action: "api.called" } });
    expect(events).toHaveLength(3);
    expect(events[0]!.details).toMatchObject({ method: "GET", path: "/api/v1/orders", status: 200 });
    const used = await prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } });
    expect(used.lastUsedAt).not.toBeNull();
    await call(secret, "GET", "/orders");
    const again = await prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } });
    expect(again.lastUsedAt!.getTime()).toBe(used.lastUsedAt!.getTime());
  });
});

describe("the order lifecycle by API", () => {
  test("products list the rules and prices; validate answers with the form's field keys", async () => {
    const products = await call(keys.reader, "GET", "/products");
    expect(products.status).toBe(200);
    const seal = (products.body.products as { code: number; rules: Record<string, string> }[]).find(
      (p) => p.code === 781,
    )!;
    expect(seal.rules.csr).toBe("required");
    const bad = await call(keys.reader, "POST", "/orders/validate", {
      input: { ...(await inputFor(781)), csr: "not a CSR", appRepEmailAddress: "nope" },
    });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(Object.keys(bad.body.errors as object)).toEqual(
      expect.arrayContaining(["csr", "appRepEmailAddress"]),
    );
    const good = await call(keys.reader, "POST", "/orders/validate", { input: await inputFor(781) });
    expect(good.body).toEqual({ valid: true, errors: {} });
    expect(await prisma.order.count()).toBe(0);
  });

  test("draft → update → submit for approval → approve → placed → issued → certificate → revoke", async () => {
    const input = await inputFor(781);
    const created = await call(keys.approvingRequester, "POST", "/orders", { input: { product: 781 } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get("location")).toBe(`/api/v1/orders/${id}`);
    expect(created.body.status).toBe("DRAFT");

    const stale = await call(keys.approvingRequester, "PATCH", `/orders/${id}`, { version: 99, input });
    expect(stale.status).toBe(409);
    const updated = await call(keys.approvingRequester, "PATCH", `/orders/${id}`, {
      version: created.body.version,
      input,
    });
    expect(updated.status).toBe(200);

    const submitted = await call(keys.approvingRequester, "POST", `/orders/${id}/submit`, {
      version: updated.body.version,
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("AWAITING_APPROVAL");
    const fon = submitted.body.externalOrderNumber as string;
    expect(await sandboxOrders(bed.sandbox, fon)).toHaveLength(0);

    // A requester key cannot approve; the approver key can, at the version it read.
    const refused = await call(keys.approvingRequester, "POST", `/orders/${id}/approve`, {
      version: submitted.body.version,
    });
    expect(refused.status).toBe(404);
    const approved = await call(keys.approver, "POST", `/orders/${id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("PLACED");
    expect(await sandboxOrders(bed.sandbox, fon)).toHaveLength(1);

    const listed = await call(keys.approver, "GET", "/orders?status=PLACED");
    expect((listed.body.orders as { id: string }[]).map((o) => o.id)).toContain(id);

    const sectigoNumber = approved.body.sectigoOrderNumber as string;
    await checkNow(id);
    const tracked = await call(keys.approvingRequester, "GET", `/orders/${id}`);
    expect((tracked.body.tracking as { checklist: unknown[] }).checklist.length).toBeGreaterThan(0);
    expect((tracked.body.timeline as unknown[]).length).toBeGreaterThan(0);

    const early = await call(keys.approvingRequester, "GET", `/orders/${id}/certificate`);
    expect(early.status).toBe(404);
    await sandboxPost(`/sandbox/orders/${sectigoNumber}/advance?to=issued&force=1`);
    await checkNow(id);
    const pem = await call(keys.approver, "GET", `/orders/${id}/certificate?format=pem`);
    expect(pem.status).toBe(200);
    expect(pem.body.text).toContain("-----BEGIN CERTIFICATE-----");
    for (const format of ["der", "chain", "p7b"]) {
      const response = await fetch(`${api.url}/api/v1/orders/${id}/certificate?format=${format}`, {
        headers: { authorization: `Bearer ${keys.approver}` },
      });
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }

    const revoked = await call(keys.approvingRequester, "POST", `/orders/${id}/revoke`, { reasonCode: 5 });
    expect(revoked.status).toBe(200);
    const again = await call(keys.approvingRequester, "POST", `/orders/${id}/revoke`, { reasonCode: 5 });
    expect(again.status).toBe(409);

    // The commands' own audit events name the key too.
    const approverKey = await prisma.apiKey.findFirstOrThrow({
      where: { organizationId: approving, role: "APPROVER" },
    });
    expect(
      await prisma.auditEvent.count({ where: { apiKeyId: approverKey.id, action: { not: "api.called" } } }),
    ).toBeGreaterThan(0);
  });

  test("an approver key rejects an order awaiting approval; a requester key may not", async () => {
    const created = await call(keys.approvingRequester, "POST", "/orders", { input: await inputFor(781) });
    const id = created.body.id as string;
    const held = await call(keys.approvingRequester, "POST", `/orders/${id}/submit`, {
      version: created.body.version,
    });
    expect(held.body.status).toBe("AWAITING_APPROVAL");
    const body = { version: held.body.version, reason: "Wrong organization name" };
    expect((await call(keys.approvingRequester, "POST", `/orders/${id}/reject`, body)).status).toBe(404);
    const rejected = await call(keys.approver, "POST", `/orders/${id}/reject`, body);
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).not.toBe("AWAITING_APPROVAL");
    expect(await sandboxOrders(bed.sandbox, created.body.externalOrderNumber as string)).toHaveLength(0);
  });

  test("a QWAC's DCV values are listed and its method changed at Sectigo", async () => {
    const created = await call(keys.requester, "POST", "/orders", { input: await inputFor(783) });
    const id = created.body.id as string;
    const sent = await call(keys.requester, "POST", `/orders/${id}/submit`, {
      version: created.body.version,
    });
    expect(sent.body.status).toBe("PLACED");
    await checkNow(id);
    const dcv = await call(keys.requester, "GET", `/orders/${id}/dcv`);
    expect(dcv.status).toBe(200);
    const domains = dcv.body.domains as { domainName: string }[];
    expect(domains.length).toBeGreaterThan(0);
    const changed = await call(keys.requester, "POST", `/orders/${id}/dcv`, {
      domainName: domains[0]!.domainName,
      method: "HTTP_CSR_HASH",
    });
    expect(changed.status).toBe(200);
    const readerTry = await call(keys.reader, "POST", `/orders/${id}/dcv`, {
      domainName: domains[0]!.domainName,
      method: "CNAME_CSR_HASH",
    });
    expect(readerTry.status).toBe(404);

    const cancelled = await call(keys.requester, "POST", `/orders/${id}/cancel`, { reasonCode: 5 });
    expect(cancelled.status).toBe(200);
  });

  test("a read-only key reads but cannot draft: 403", async () => {
    const answer = await call(keys.reader, "POST", "/orders", { input: { product: 781 } });
    expect(answer.status).toBe(403);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("organization boundaries", () => {
  test("another organization's key sees 404 everywhere and changes nothing", async () => {
    const created = await call(keys.requester, "POST", "/orders", { input: await inputFor(781) });
    const id = created.body.id as string;
    const before = await prisma.order.findUniqueOrThrow({ where: { id } });
    const foreign = keys.approvingRequester;
    const tries = [
      await call(foreign, "GET", `/orders/${id}`),
      await call(foreign, "PATCH", `/orders/${id}`, { version: before.version, input: { product: 781 } }),
      await call(foreign, "POST", `/orders/${id}/submit`, { version: before.version }),
      await call(foreign, "POST", `/orders/${id}/cancel`, { reasonCode: 5 }),
      await call(foreign, "GET", `/orders/${id}/certificate`),
      await call(foreign, "GET", `/orders/${id}/dcv`),
      await call(keys.approver, "POST", `/orders/${id}/approve`, { version: before.version }),
    ];
    expect(tries.map((t) => t.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    const listed = await call(foreign, "GET", "/orders");
    expect((listed.body.orders as { id: string }[]).map((o) => o.id)).not.toContain(id);
    expect(await prisma.order.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });
});

describe("Idempotency-Key", () => {
  test("the same key sent 20 times at once: one order at the sandbox, one answer", async () => {
    const created = await call(keys.requester, "POST", "/orders", { input: await inputFor(781) });
    const id = created.body.id as string;
    const body = { version: created.body.version };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(keys.requester, "POST", `/orders/${id}/submit`, body, { "idempotency-key": '"submit-once"' }),
      ),
    );
    // One ran; the others were told it was in flight (409) or, once it had finished, got its answer.
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const fresh = answers.filter((a) => a.status === 200 && a.headers.get("idempotent-replayed") === null);
    expect(fresh).toHaveLength(1);
    for (const a of answers.filter((a) => a.status === 200)) expect(a.body).toEqual(fresh[0]!.body);
    expect(await sandboxOrders(bed.sandbox, created.body.externalOrderNumber as string)).toHaveLength(1);
    // Later, the same key and body: the stored answer, marked as a replay, with no second effect.
    const replay = await call(keys.requester, "POST", `/orders/${id}/submit`, body, {
      "idempotency-key": "submit-once",
    });
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.id).toBe(id);
    // The same key with another body: 422.
    const other = await call(
      keys.requester,
      "POST",
      `/orders/${id}/submit`,
      { version: 7 },
      { "idempotency-key": "submit-once" },
    );
    expect(other.status).toBe(422);
    expect(other.body.type).toBe("/developers#problem-idempotency-key-reused");
    expect(await sandboxOrders(bed.sandbox, created.body.externalOrderNumber as string)).toHaveLength(1);
  });

  test("20 concurrent creates with one key make one draft; keys are per API key; old keys expire", async () => {
    const before = await prisma.order.count();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(
          keys.requester,
          "POST",
          "/orders",
          { input: { product: 781 } },
          { "idempotency-key": "create-1" },
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 201 && !a.headers.has("idempotent-replayed"))).toHaveLength(1);
    expect(await prisma.order.count()).toBe(before + 1);
    const otherKey = await call(
      keys.approvingRequester,
      "POST",
      "/orders",
      { input: { product: 781 } },
      {
        "idempotency-key": "create-1",
      },
    );
    expect(otherKey.status).toBe(201);
    await prisma.apiIdempotency.updateMany({ data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
    expect(await expireIdempotencyKeys(prisma)).toBeGreaterThan(0);
    expect(await prisma.apiIdempotency.count()).toBe(0);
  });
});

describe("limits and malformed requests", () => {
  test("bodies: not JSON 415, broken JSON 400, too large 413, bad fields 422 keyed like the form", async () => {
    expect(
      (await call(keys.requester, "POST", "/orders", "x", { "content-type": "text/plain" })).status,
    ).toBe(415);
    expect((await call(keys.requester, "POST", "/orders", "{")).status).toBe(400);
    const huge = JSON.stringify({ input: { organizationName: "x".repeat(300 * 1024) } });
    expect((await call(keys.requester, "POST", "/orders", huge)).status).toBe(413);
    const invalid = await call(keys.requester, "PATCH", "/orders/abc", { version: -1, input: {} });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toHaveProperty("version");
    const filters = await call(keys.reader, "GET", "/orders?status=NOPE&limit=1000");
    expect(filters.status).toBe(422);
    expect(Object.keys(filters.body.errors!)).toEqual(expect.arrayContaining(["status", "limit"]));
  });

  test("keyset pages: after and before walk the list", async () => {
    const first = await call(keys.requester, "GET", "/orders?limit=1");
    expect(first.status).toBe(200);
    expect(first.body.orders).toHaveLength(1);
    expect(first.body.after).toEqual(expect.any(String));
    const second = await call(keys.requester, "GET", `/orders?limit=1&after=${first.body.after as string}`);
    expect((second.body.orders as { id: string }[])[0]!.id).not.toBe(
      (first.body.orders as { id: string }[])[0]!.id,
    );
    const back = await call(keys.requester, "GET", `/orders?limit=1&before=${second.body.before as string}`);
    expect(back.body.orders).toEqual(first.body.orders);
  });

  test("per-key rate limit in the database, with RateLimit headers and 429", async () => {
    setEnv({ API_REQUESTS_PER_MINUTE: "3" });
    resetApiLimiter();
    try {
      const secret = await key(direct, "READ_ONLY", "limited");
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await call(secret, "GET", "/products"));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers[0]!.headers.get("ratelimit-policy")).toBe('"per-key";q=3;w=60');
      expect(answers[0]!.headers.get("ratelimit")).toMatch(/^"per-key";r=2;t=\d+$/);
      expect(Number(answers[3]!.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another key has its own count.
      expect((await call(await key(direct, "READ_ONLY", "unlimited"), "GET", "/products")).status).toBe(200);
      const row = await prisma.apiKey.findFirstOrThrow({ where: { name: "limited" } });
      expect(await prisma.rateLimiterFlexible.count({ where: { key: { contains: row.id } } })).toBe(1);
    } finally {
      setEnv({ API_REQUESTS_PER_MINUTE: "10000" });
      resetApiLimiter();
    }
  });
});

describe("the database away", () => {
  test("calls are answered 503 problem+json with Retry-After, and work again once it is back", async () => {
    const directUrl = process.env.DATABASE_URL!;
    const url = new URL(directUrl);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const proxied = new URL(directUrl);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const reconnect = async (databaseUrl: string) => {
      await closeDb();
      setEnv({ DATABASE_URL: databaseUrl });
      resetApiLimiter();
    };
    try {
      await reconnect(proxied.toString());
      expect((await call(keys.reader, "GET", "/products")).status).toBe(200);
      proxy.cut();
      for (const answer of [
        await call(keys.reader, "GET", "/orders"),
        await call(
          keys.requester,
          "POST",
          "/orders",
          { input: { product: 781 } },
          { "idempotency-key": "down-1" },
        ),
      ]) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get("content-type")).toBe("application/problem+json");
        expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      proxy.restore();
      expect((await call(keys.reader, "GET", "/orders")).status).toBe(200);
    } finally {
      proxy.restore();
      await reconnect(directUrl);
      prisma = await db();
      await proxy.close();
    }
  });
});

describe("contract: the OpenAPI document", () => {
  test("is valid OpenAPI 3.1, served at /api/v1/openapi.json, and names every route file", async () => {
    const response = await fetch(`${api.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as Document & {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(
      document as unknown as Parameters<Validator["validate"]>[0],
    );
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    const files = API_ROUTE_FILES.map((r) => r.template).filter((t) => !/^\/(openapi\.json|docs)/.test(t));
    expect(files.sort()).toEqual(Object.keys(document.paths).sort());
    // Every webhook event is described, with the body it is delivered with (lib/webhooks/payload.ts).
    expect(Object.keys((document as { webhooks?: object }).webhooks ?? {}).sort()).toEqual(
      [...WEBHOOK_EVENT_TYPES].sort(),
    );
  });

  test("every request and answer of these tests matches the document; every operation was exercised", async () => {
    const document = (await (await fetch(`${api.url}/api/v1/openapi.json`)).json()) as Document;
    // openapi-backend validates requests and answers with the document's schemas (Ajv); its own
    // check of the document knows OpenAPI 3.0 only, so `quick` skips it: the 3.1 document was
    // checked by @seriousme/openapi-schema-validator above.
    const backend = new OpenAPIBackend({ definition: document, apiRoot: "/", validate: true, quick: true });
    await backend.init();
    // The validator does reject what the document does not allow.
    expect(backend.validator.validateResponse({ id: 1 }, "getOrder", 200).valid).toBe(false);
    const refused = { method: "post", path: "/orders", headers: {}, query: {}, body: { input: "x" } };
    expect(backend.validator.validateRequest(refused, "createOrder").valid).toBe(false);
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const exchange of exchanges.filter((e) => !e.path.startsWith("/openapi"))) {
      const request = {
        method: exchange.method.toLowerCase(),
        path: exchange.path,
        query: exchange.query,
        headers: exchange.headers,
        body: exchange.body,
      };
      const operation = backend.matchOperation(request);
      if (!operation) {
        problems.push(`${exchange.method} ${exchange.path}: no operation`);
        continue;
      }
      seen.add(operation.operationId!);
      // Requests the API answered as valid must match the document; refused ones are allowed not to.
      if (exchange.status < 300) {
        const valid = backend.validator.validateRequest(request, operation);
        if (!valid.valid) problems.push(`${operation.operationId} request: ${JSON.stringify(valid.errors)}`);
      }
      const documented = (operation.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
      if (!documented[String(exchange.status)]) {
        problems.push(`${operation.operationId}: status ${exchange.status} not documented`);
        continue;
      }
      const mediaType = exchange.contentType?.split(";")[0] ?? "";
      if (!Object.keys(documented[String(exchange.status)]!.content ?? {}).includes(mediaType)) {
        problems.push(`${operation.operationId} ${exchange.status}: media type ${mediaType} not documented`);
        continue;
      }
      if (mediaType.endsWith("json")) {
        const valid = backend.validator.validateResponse(exchange.answer, operation, exchange.status);
        if (!valid.valid)
          problems.push(`${operation.operationId} ${exchange.status}: ${JSON.stringify(valid.errors)}`);
      }
    }
    expect(problems).toEqual([]);
    const operations = backend.getOperations().map((o) => o.operationId);
    expect([...seen].sort()).toEqual([...operations].sort());
  });
});
