import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  changeUserRole,
  createAccount,
  createAccountFromCommandLine,
  getUserForAdmin,
  listUsers,
  setUserDisabled,
  USERS_PAGE_SIZE,
  UserAdminError,
  type UserAdminRule,
} from "@/lib/users/admin";
import { Refusal, type RefusalCode } from "@/lib/refusal";
import { createUser, EmailTakenError, getActiveUser, type SessionUser } from "@/lib/users/data";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// A database of its own on the real PostgreSQL server, dropped afterwards.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("admin_users_test");
});

afterAll(() => database?.drop());

beforeEach(() => database.reset());

let counter = 0;
function newUser(role: Role, name = `${role.toLowerCase()} ${++counter}`): Promise<SessionUser> {
  return createUser({
    email: `${role.toLowerCase()}-${counter}-${randomUUID()}@example.com`,
    name,
    password: "a long enough password",
    role,
  });
}

/** The refusal's kind: the user-administration rule that refused, else the refusal's code. */
async function refusal(promise: Promise<unknown>): Promise<UserAdminRule | RefusalCode> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error instanceof UserAdminError ? error.rule : (error as Refusal).code;
}

async function auditRows() {
  const prisma = await db();
  return prisma.auditEvent.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { actorId: true, action: true, targetUserId: true, reason: true, details: true },
  });
}

describe("creating accounts", () => {
  test("an admin creates an account, audited as user.created, without exposing the hash", async () => {
    const admin = await newUser("ADMIN");
    const created = await createAccount(admin, {
      name: "  Sam Support ",
      email: " Sam.Support@Example.com ",
      password: "initial password 1",
      role: "SUPPORT",
    });
    expect(created).toMatchObject({
      email: "sam.support@example.com",
      name: "Sam Support",
      role: "SUPPORT",
      disabled: false,
      orderCount: 0,
    });
    expect(Object.keys(created)).not.toContain("passwordHash");
    expect(await getActiveUser(created.id)).toMatchObject({ role: "SUPPORT" });
    expect(await auditRows()).toEqual([
      {
        actorId: admin.id,
        action: "user.created",
        targetUserId: created.id,
        reason: null,
        details: { email: "sam.support@example.com", role: "SUPPORT" },
      },
    ]);
  });

  test("npm run create-admin's account is audited as user.created without an actor", async () => {
    const created = await createAccountFromCommandLine({
      name: "Ada Admin",
      email: "ada@example.com",
      password: "initial password 1",
      role: "ADMIN",
    });
    expect(await getActiveUser(created.id)).toMatchObject({ role: "ADMIN" });
    expect(await auditRows()).toEqual([
      {
        actorId: null,
        action: "user.created",
        targetUserId: created.id,
        reason: "Created on the server with npm run create-admin",
        details: { email: "ada@example.com", role: "ADMIN" },
      },
    ]);
    await expect(
      createAccountFromCommandLine({
        name: "Again",
        email: "ADA@example.com",
        password: "initial password 1",
        role: "ADMIN",
      }),
    ).rejects.toBeInstanceOf(EmailTakenError);
  });

  test("a taken e-mail (in any case) is refused and nothing is audited", async () => {
    const admin = await newUser("ADMIN");
    const customer = await newUser("CUSTOMER");
    await expect(
      createAccount(admin, {
        name: "Dup",
        email: customer.email.toUpperCase(),
        password: "initial password 1",
        role: "ADMIN",
      }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    expect(await auditRows()).toEqual([]);
  });
});

describe("changing roles and status", () => {
  test("a role change updates the user and writes the audit row with reason and from/to", async () => {
    const admin = await newUser("ADMIN");
    const customer = await newUser("CUSTOMER");
    const updated = await changeUserRole(admin, {
      userId: customer.id,
      role: "SUPPORT",
      expectedRole: "CUSTOMER",
      reason: "joined the helpdesk",
    });
    expect(updated.role).toBe("SUPPORT");
    expect((await getActiveUser(customer.id))?.role).toBe("SUPPORT");
    expect(await auditRows()).toEqual([
      {
        actorId: admin.id,
        action: "user.role_changed",
        targetUserId: customer.id,
        reason: "joined the helpdesk",
        details: { from: "CUSTOMER", to: "SUPPORT" },
      },
    ]);
  });

  test("disabling ends access at once, enabling restores it; both are audited", async () => {
    const admin = await newUser("ADMIN");
    const customer = await newUser("CUSTOMER");
    expect(
      (await setUserDisabled(admin, { userId: customer.id, disabled: true, reason: "fraud suspected" }))
        .disabled,
    ).toBe(true);
    expect(await getActiveUser(customer.id)).toBeNull();
    expect(
      await refusal(setUserDisabled(admin, { userId: customer.id, disabled: true, reason: "again" })),
    ).toBe("unchanged");
    await setUserDisabled(admin, { userId: customer.id, disabled: false, reason: "cleared" });
    expect(await getActiveUser(customer.id)).not.toBeNull();
    expect(await auditRows()).toEqual([
      {
        actorId: admin.id,
        action: "user.disabled",
        targetUserId: customer.id,
        reason: "fraud suspected",
        details: { from: "enabled", to: "disabled" },
      },
      {
        actorId: admin.id,
        action: "user.enabled",
        targetUserId: customer.id,
        reason: "cleared",
        details: { from: "disabled", to: "enabled" },
      },
    ]);
  });

  test("a change based on a stale view of the user is refused as a conflict", async () => {
    const admin = await newUser("ADMIN");
    const customer = await newUser("CUSTOMER");
    await changeUserRole(admin, {
      userId: customer.id,
      role: "SUPPORT",
      expectedRole: "CUSTOMER",
      reason: "first",
    });
    expect(
      await refusal(
        changeUserRole(admin, {
          userId: customer.id,
          role: "ADMIN",
          expectedRole: "CUSTOMER",
          reason: "second",
        }),
      ),
    ).toBe("conflict");
    expect((await getUserForAdmin(admin, customer.id))?.role).toBe("SUPPORT");
    expect(
      await refusal(changeUserRole(admin, { userId: "does-not-exist", role: "ADMIN", reason: "x" })),
    ).toBe("not_found");
    expect((await auditRows()).map((r) => r.reason)).toEqual(["first"]);
  });
});

describe("the portal never loses its last admin", () => {
  test("the only enabled admin cannot demote or disable themselves", async () => {
    const admin = await newUser("ADMIN");
    const disabledAdmin = await newUser("ADMIN");
    await setUserDisabled(admin, { userId: disabledAdmin.id, disabled: true, reason: "left the company" });
    expect(await refusal(changeUserRole(admin, { userId: admin.id, role: "CUSTOMER", reason: "oops" }))).toBe(
      "last_admin",
    );
    expect(await refusal(setUserDisabled(admin, { userId: admin.id, disabled: true, reason: "oops" }))).toBe(
      "last_admin",
    );
    expect(await getActiveUser(admin.id)).toMatchObject({ role: "ADMIN" });
    expect((await auditRows()).map((r) => r.action)).toEqual(["user.disabled"]);
  });

  test("with another admin present, an admin still cannot remove their own role or disable themselves", async () => {
    const admin = await newUser("ADMIN");
    const other = await newUser("ADMIN");
    expect(await refusal(changeUserRole(admin, { userId: admin.id, role: "SUPPORT", reason: "x" }))).toBe(
      "self",
    );
    expect(await refusal(setUserDisabled(admin, { userId: admin.id, disabled: true, reason: "x" }))).toBe(
      "self",
    );
    // The other admin may do it.
    await changeUserRole(other, { userId: admin.id, role: "SUPPORT", reason: "moved to support" });
    expect((await getActiveUser(admin.id))?.role).toBe("SUPPORT");
  });

  test("two admins demoting each other at the same moment leave exactly one admin", async () => {
    const a = await newUser("ADMIN");
    const b = await newUser("ADMIN");
    const results = await Promise.allSettled([
      changeUserRole(a, { userId: b.id, role: "CUSTOMER", reason: "a demotes b" }),
      changeUserRole(b, { userId: a.id, role: "CUSTOMER", reason: "b demotes a" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "forbidden" });
    const prisma = await db();
    expect(await prisma.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
    expect((await auditRows()).filter((r) => r.action === "user.role_changed")).toHaveLength(1);
  });

  test("two admins disabling each other at the same moment leave exactly one enabled admin", async () => {
    const a = await newUser("ADMIN");
    const b = await newUser("ADMIN");
    const results = await Promise.allSettled([
      setUserDisabled(a, { userId: b.id, disabled: true, reason: "a disables b" }),
      setUserDisabled(b, { userId: a.id, disabled: true, reason: "b disables a" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const prisma = await db();
    expect(await prisma.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
  });

  test("concurrent edits of one user: exactly one wins, the other is a conflict", async () => {
    const a = await newUser("ADMIN");
    const b = await newUser("ADMIN");
    const customer = await newUser("CUSTOMER");
    const results = await Promise.allSettled([
      changeUserRole(a, { userId: customer.id, role: "SUPPORT", expectedRole: "CUSTOMER", reason: "a" }),
      changeUserRole(b, { userId: customer.id, role: "ADMIN", expectedRole: "CUSTOMER", reason: "b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "conflict",
    });
    const audited = (await auditRows()).filter((r) => r.action === "user.role_changed");
    expect(audited).toHaveLength(1);
    expect((await getUserForAdmin(a, customer.id))?.role).toBe((audited[0]?.details as { to: string }).to);
  });
});

describe("only admins may use the admin data functions", () => {
  test.each(["SUPPORT", "CUSTOMER"] as const)(
    "a %s user is refused everything and changes nothing",
    async (role) => {
      await newUser("ADMIN");
      const caller = await newUser(role);
      const victim = await newUser("CUSTOMER");
      expect(await refusal(listUsers(caller))).toBe("forbidden");
      expect(await refusal(getUserForAdmin(caller, victim.id))).toBe("forbidden");
      expect(
        await refusal(
          createAccount(caller, {
            name: "X",
            email: `x-${randomUUID()}@example.com`,
            password: "a long enough password",
            role: "ADMIN",
          }),
        ),
      ).toBe("forbidden");
      expect(
        await refusal(changeUserRole(caller, { userId: caller.id, role: "ADMIN", reason: "promote myself" })),
      ).toBe("forbidden");
      expect(await refusal(setUserDisabled(caller, { userId: victim.id, disabled: true, reason: "x" }))).toBe(
        "forbidden",
      );
      const prisma = await db();
      expect(await prisma.user.count()).toBe(3);
      expect((await getActiveUser(caller.id))?.role).toBe(role);
      expect(await getActiveUser(victim.id)).not.toBeNull();
      expect(await auditRows()).toEqual([]);
    },
  );

  test("a session that still says ADMIN after the account was demoted cannot act", async () => {
    const admin = await newUser("ADMIN");
    const demoted = await newUser("ADMIN");
    const customer = await newUser("CUSTOMER");
    await changeUserRole(admin, { userId: demoted.id, role: "SUPPORT", reason: "moved" });
    // `demoted` is the stale SessionUser object with role ADMIN.
    expect(
      await refusal(setUserDisabled(demoted, { userId: customer.id, disabled: true, reason: "x" })),
    ).toBe("forbidden");
    expect(await getActiveUser(customer.id)).not.toBeNull();
  });
});

describe("listing users", () => {
  async function seed(count: number) {
    const prisma = await db();
    const base = Date.UTC(2026, 0, 1);
    // Pairs share a timestamp, so pages must break ties on id to neither skip nor repeat anyone.
    await prisma.user.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        email: `bulk-${String(i).padStart(3, "0")}@example.com`,
        name: i % 10 === 0 ? `Zoë Tenth ${i}` : `Bulk User ${i}`,
        passwordHash: "not-a-real-hash",
        role: (i % 3 === 0 ? "SUPPORT" : "CUSTOMER") as Role,
        disabled: i % 7 === 0,
        createdAt: new Date(base + Math.floor(i / 2) * 1000),
      })),
    });
  }

  test("keyset pages of 50, newest first, forward and back, without gaps or repeats", async () => {
    const admin = await newUser("ADMIN");
    await seed(120);
    const first = await listUsers(admin);
    expect(first.rows).toHaveLength(USERS_PAGE_SIZE);
    expect(first.before).toBeNull();
    expect(first.rows[0]?.email).toBe(admin.email);
    const second = await listUsers(admin, {}, { after: first.after });
    const third = await listUsers(admin, {}, { after: second.after });
    expect(third.rows).toHaveLength(21);
    expect(third.after).toBeNull();
    const all = [...first.rows, ...second.rows, ...third.rows];
    expect(new Set(all.map((u) => u.id)).size).toBe(121);
    const sorted = [...all].sort(
      (x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0),
    );
    expect(all.map((u) => u.id)).toEqual(sorted.map((u) => u.id));
    const back = await listUsers(admin, {}, { before: third.before });
    expect(back.rows.map((u) => u.id)).toEqual(second.rows.map((u) => u.id));
    const backToFirst = await listUsers(admin, {}, { before: back.before });
    expect(backToFirst.rows.map((u) => u.id)).toEqual(first.rows.map((u) => u.id));
    expect(backToFirst.before).toBeNull();
    // A tampered cursor falls back to the first page instead of failing.
    expect((await listUsers(admin, {}, { after: "not-a-cursor" })).rows[0]?.id).toBe(first.rows[0]?.id);
  });

  test("search by e-mail or name (any case), filter by role and status, count orders", async () => {
    const admin = await newUser("ADMIN", "Alice Admin");
    await seed(30);
    const prisma = await db();
    const target = await prisma.user.findUniqueOrThrow({ where: { email: "bulk-020@example.com" } });
    await prisma.order.createMany({
      data: [1, 2, 3].map((n) => ({
        ownerId: target.id,
        organizationId: target.id,
        externalOrderNumber: `EQ-TEST-000${n}`,
      })),
    });
    const byEmail = await listUsers(admin, { query: "BULK-020@" });
    expect(byEmail.rows).toEqual([
      expect.objectContaining({ email: "bulk-020@example.com", orderCount: 3, disabled: false }),
    ]);
    const byName = await listUsers(admin, { query: "zoë TENTH" });
    expect(byName.rows.map((u) => u.email).sort()).toEqual([
      "bulk-000@example.com",
      "bulk-010@example.com",
      "bulk-020@example.com",
    ]);
    const support = await listUsers(admin, { role: "SUPPORT" });
    expect(support.rows).toHaveLength(10);
    expect(support.rows.every((u) => u.role === "SUPPORT")).toBe(true);
    const disabledSupport = await listUsers(admin, { role: "SUPPORT", status: "disabled" });
    expect(disabledSupport.rows.map((u) => u.email).sort()).toEqual([
      "bulk-000@example.com",
      "bulk-021@example.com",
    ]);
    expect(
      (await listUsers(admin, { query: "alice", role: "ADMIN", status: "enabled" })).rows.map((u) => u.id),
    ).toEqual([admin.id]);
    expect((await listUsers(admin, { query: "%" })).rows).toEqual([]);
  });
});
