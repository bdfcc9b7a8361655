import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { auditFiltersSchema } from "@/lib/audit/filters";
import { AUDIT_PAGE_SIZE, listAuditActions, listAuditEvents } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { runWithRequestId } from "@/lib/observability/request-context.mjs";
import type { Role } from "@/lib/generated/prisma/enums";
import { createUser, type SessionUser } from "@/lib/users/data";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// A database of its own on the real PostgreSQL server, dropped afterwards.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("audit_test");
});

afterAll(() => database?.drop());

beforeEach(() => database.reset());

function newUser(
  role: Role,
  email = `${role.toLowerCase()}-${randomUUID()}@example.com`,
): Promise<SessionUser> {
  return createUser({ email, name: `A ${role.toLowerCase()}`, password: "a long enough password", role });
}

describe("recording", () => {
  test("recordAudit stores the event, inside the caller's transaction", async () => {
    const admin = await newUser("ADMIN");
    const prisma = await db();
    const { id } = await recordAudit(prisma, {
      actorId: admin.id,
      action: "user.role_changed",
      targetUserId: admin.id,
      reason: "  promoted  ",
      details: { from: "SUPPORT", to: "ADMIN" },
    });
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      actorId: admin.id,
      action: "user.role_changed",
      targetUserId: admin.id,
      orderId: null,
      reason: "promoted",
      details: { from: "SUPPORT", to: "ADMIN" },
    });

    // Rolled back with the change it describes.
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: admin.id,
          action: "user.disabled",
          targetUserId: admin.id,
          reason: "x",
        });
        throw new Error("the audited change failed");
      }),
    ).rejects.toThrow("the audited change failed");
    expect(await prisma.auditEvent.count()).toBe(1);
  });

  test("a malformed action name is refused", async () => {
    const prisma = await db();
    await expect(recordAudit(prisma, { actorId: null, action: "Role Changed" })).rejects.toThrow(
      /Invalid audit action/,
    );
    await expect(recordAudit(prisma, { actorId: null, action: "user" })).rejects.toThrow(
      /Invalid audit action/,
    );
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  test("the database refuses to change or remove an audit event", async () => {
    const admin = await newUser("ADMIN");
    const prisma = await db();
    const { id } = await recordAudit(prisma, {
      actorId: admin.id,
      action: "user.created",
      targetUserId: admin.id,
    });
    await expect(
      prisma.auditEvent.update({ where: { id }, data: { reason: "rewritten history" } }),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.query(`UPDATE "AuditEvent" SET "action" = 'user.enabled' WHERE "id" = $1`, [id]),
    ).rejects.toThrow(/AuditEvent is append-only: UPDATE is not allowed/);
    await expect(database.query(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [id])).rejects.toThrow(
      /AuditEvent is append-only: DELETE is not allowed/,
    );
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      action: "user.created",
      reason: null,
    });
  });
});

describe("listing", () => {
  test("only admins may read the log", async () => {
    for (const role of ["SUPPORT", "CUSTOMER"] as const) {
      const user = await newUser(role);
      await expect(listAuditEvents(user)).rejects.toThrow(/Only administrators/);
      await expect(listAuditActions(user)).rejects.toThrow(/Only administrators/);
    }
  });

  test("filters by action, actor e-mail, order number, target user and UTC date range", async () => {
    const alice = await newUser("ADMIN", "alice@example.com");
    const bob = await newUser("SUPPORT", "bob_support@example.com");
    const customer = await newUser("CUSTOMER");
    const prisma = await db();
    const order = await prisma.order.create({
      data: { ownerId: customer.id, organizationId: customer.id, externalOrderNumber: "EQ-7K4M-9P2X" },
      select: { id: true },
    });
    const at = (iso: string) => new Date(iso);
    await prisma.auditEvent.createMany({
      data: [
        {
          actorId: alice.id,
          action: "user.disabled",
          targetUserId: customer.id,
          reason: "r1",
          createdAt: at("2026-03-01T00:00:00Z"),
        },
        {
          actorId: bob.id,
          action: "order.retried",
          orderId: order.id,
          reason: "r2",
          createdAt: at("2026-03-01T23:59:59.999Z"),
        },
        {
          actorId: bob.id,
          action: "order.cancelled",
          orderId: order.id,
          reason: "r3",
          createdAt: at("2026-03-02T00:00:00Z"),
        },
        {
          actorId: null,
          action: "order.retried",
          orderId: order.id,
          reason: "r4",
          createdAt: at("2026-03-03T12:00:00Z"),
        },
        {
          actorId: alice.id,
          action: "user.enabled",
          targetUserId: customer.id,
          reason: "r5",
          createdAt: at("2026-03-04T08:00:00Z"),
        },
      ],
    });
    const reasons = async (filters: Parameters<typeof listAuditEvents>[1]) =>
      (await listAuditEvents(alice, filters)).rows.map((r) => r.reason);

    expect(await reasons({})).toEqual(["r5", "r4", "r3", "r2", "r1"]);
    expect(await reasons({ action: "order.retried" })).toEqual(["r4", "r2"]);
    expect(await reasons({ actor: "BOB_" })).toEqual(["r3", "r2"]);
    expect(await reasons({ actor: "b%" })).toEqual([]);
    expect(await reasons({ order: "EQ-7K4M-9P2X", action: "order.retried" })).toEqual(["r4", "r2"]);
    expect(await reasons({ order: "EQ-0000-0000" })).toEqual([]);
    expect(await reasons({ targetUserId: customer.id })).toEqual(["r5", "r1"]);
    expect(await reasons({ from: "2026-03-01", to: "2026-03-01" })).toEqual(["r2", "r1"]);
    expect(await reasons({ from: "2026-03-02", to: "2026-03-03" })).toEqual(["r4", "r3"]);
    expect(await reasons({ from: "2026-03-04" })).toEqual(["r5"]);

    const [first] = (await listAuditEvents(alice, { order: "EQ-7K4M-9P2X" })).rows;
    expect(first).toEqual({
      id: expect.any(String),
      action: "order.retried",
      reason: "r4",
      details: null,
      createdAt: at("2026-03-03T12:00:00Z"),
      actor: null,
      targetUser: null,
      order: { id: order.id, externalOrderNumber: "EQ-7K4M-9P2X" },
    });
    expect(await listAuditActions(alice)).toEqual([
      "order.cancelled",
      "order.retried",
      "user.created",
      "user.disabled",
      "user.enabled",
      "user.recovery_code_used",
      "user.recovery_codes_renewed",
      "user.role_changed",
      "user.second_factor_added",
      "user.second_factor_removed",
      "user.second_factors_reset",
    ]);
  });

  test("keyset pages, newest first, with ties on the timestamp broken by id", async () => {
    const admin = await newUser("ADMIN");
    const prisma = await db();
    const base = Date.UTC(2026, 4, 1);
    await prisma.auditEvent.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        actorId: admin.id,
        action: "user.created",
        reason: `event ${i}`,
        createdAt: new Date(base + Math.floor(i / 3) * 1000),
      })),
    });
    const first = await listAuditEvents(admin);
    const second = await listAuditEvents(admin, {}, { after: first.after });
    const third = await listAuditEvents(admin, {}, { after: second.after });
    expect([first.rows.length, second.rows.length, third.rows.length]).toEqual([
      AUDIT_PAGE_SIZE,
      AUDIT_PAGE_SIZE,
      30,
    ]);
    expect(third.after).toBeNull();
    const ids = [...first.rows, ...second.rows, ...third.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(130);
    const times = [...first.rows, ...second.rows, ...third.rows].map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const back = await listAuditEvents(admin, {}, { before: second.before });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.before).toBeNull();
  });
});

describe("request ids", () => {
  test("an event records the request it was written in, and the log filters by it", async () => {
    const admin = await newUser("ADMIN");
    const prisma = await db();
    await runWithRequestId("0f8e4a4e-5d7b-4f7e-9f2a-3c1d2b4a5e6f", () =>
      recordAudit(prisma, { actorId: admin.id, action: "user.role_changed", targetUserId: admin.id }),
    );
    await recordAudit(prisma, { actorId: admin.id, action: "user.disabled", targetUserId: admin.id });
    const filters = auditFiltersSchema.parse({ request: " 0f8e4a4e-5d7b-4f7e-9f2a-3c1d2b4a5e6f " });
    const page = await listAuditEvents(admin, filters);
    expect(page.rows.map((r) => r.action)).toEqual(["user.role_changed"]);
    expect(await prisma.auditEvent.count({ where: { requestId: null } })).toBeGreaterThanOrEqual(1);
    expect(auditFiltersSchema.safeParse({ request: "bad id with spaces" }).success).toBe(false);
  });
});

describe("the filter schema", () => {
  test("accepts empty values, normalises the order number, refuses bad dates and reversed ranges", () => {
    expect(
      auditFiltersSchema.parse({ action: "", actor: " ", order: " eq-7k4m-9p2x ", from: "", to: undefined }),
    ).toEqual({
      order: "EQ-7K4M-9P2X",
    });
    const bad = auditFiltersSchema.safeParse({ from: "2026-02-30", to: "yesterday" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["from", "Enter a real calendar date."],
      ["to", "Enter a date as YYYY-MM-DD."],
    ]);
    const reversed = auditFiltersSchema.safeParse({ from: "2026-03-02", to: "2026-03-01" });
    expect(reversed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["to", "The end date is before the start date."],
    ]);
    expect(auditFiltersSchema.safeParse({ action: "user.disabled; drop" }).success).toBe(false);
  });
});
