import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { createUser } from "@/lib/users/data";
import { createTestDatabase, setEnv, type TestDatabase } from "@/tests/support/database";

// The guards behind every staff page, action and data function refuse a session that has not
// passed its second factor, staff without one included: each staff action is called as a plain
// POST would call it, by a support agent and by an admin who gave only their password.
const holder = vi.hoisted(() => ({ userId: null as string | null, secondFactorPassed: false }));
vi.mock("@/lib/auth", async () => ({
  ...(await import("@/tests/support/session")).sessionAuth(holder),
  signIn: async () => {},
  signOut: async () => {},
}));

const actionModules = {
  support: () => import("@/app/support/actions"),
  adminUsers: () => import("@/app/admin/users/actions"),
  adminOrder: () => import("@/app/admin/orders/[id]/actions"),
  account: () => import("@/app/(portal)/account/actions"),
  security: () => import("@/app/(portal)/account/security/actions"),
  orders: () => import("@/app/(portal)/orders/actions"),
  order: () => import("@/app/(portal)/orders/[id]/actions"),
};

let database: TestDatabase;
const users: Partial<Record<Role, string>> = {};
beforeAll(async () => {
  database = await createTestDatabase("two_factor_guards");
  setEnv({ AUTH_SECRET: "two-factor-guards-secret-0123456789" });
  for (const role of ["SUPPORT", "ADMIN"] as const) {
    const user = await createUser({
      email: `${role.toLowerCase()}-${randomUUID()}@example.com`,
      name: role,
      password: "a long enough password",
      role,
    });
    users[role] = user.id;
  }
});
afterAll(async () => database?.drop());

/** Where the call went: the redirect's target, or "answered" when the action ran its handler. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "answered";
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2]!;
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK")) return `http ${digest.split(";")[1]}`;
    return "answered";
  }
}

async function actionsOf(): Promise<[string, (p: undefined, raw: unknown) => Promise<unknown>][]> {
  const found: [string, (p: undefined, raw: unknown) => Promise<unknown>][] = [];
  for (const [module, load] of Object.entries(actionModules)) {
    for (const [name, value] of Object.entries(await load()))
      if (typeof value === "function") found.push([`${module}.${name}`, value as never]);
  }
  return found;
}

describe.each(["SUPPORT", "ADMIN"] as const)("%s without the second factor of this session", (role) => {
  it("every action of the portal sends them to /two-factor before doing anything", async () => {
    holder.userId = users[role]!;
    holder.secondFactorPassed = false;
    const actions = await actionsOf();
    expect(actions.length).toBeGreaterThan(15);
    for (const [name, action] of actions) {
      expect(`${name}: ${await outcome(() => action(undefined, new FormData()))}`).toBe(
        `${name}: /two-factor`,
      );
    }
  });

  it("the staff guards and the session readers refuse them as well", async () => {
    holder.userId = users[role]!;
    holder.secondFactorPassed = false;
    const guards = await import("@/lib/auth/guards");
    const { STAFF } = await import("@/lib/auth/roles");
    expect(await outcome(() => guards.requireRole(...STAFF))).toBe("/two-factor");
    expect(await outcome(() => guards.requireUser())).toBe("/two-factor");
    expect(await guards.getCurrentUser()).toBeNull();
    expect(await guards.getCurrentSession()).toBeNull();
    expect((await guards.getSignInSession())?.secondFactor).toBe("enrol");
    const { GET } = await import("@/app/admin/orders/export/route");
    expect((await GET(new Request("http://localhost/admin/orders/export"))).status).toBe(401);
  });

  it("once the second factor is passed, the same calls reach their handlers", async () => {
    holder.userId = users[role]!;
    holder.secondFactorPassed = true;
    const { retryOrderAction } = await import("@/app/support/actions");
    expect(await outcome(() => retryOrderAction(undefined, new FormData()))).toBe("answered");
    const guards = await import("@/lib/auth/guards");
    expect((await guards.getCurrentUser())?.id).toBe(users[role]);
  });
});
