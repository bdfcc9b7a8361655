import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  createSession,
  endAllSessionsOfUser,
  endSession,
  endSessionOfUser,
  getSessionUser,
  LAST_SEEN_EVERY_MS,
  listSessionsForUser,
} from "@/lib/auth/sessions";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/config";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeUserRole, setUserDisabled } from "@/lib/users/admin";
import { createUser, type SessionUser } from "@/lib/users/data";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// The session rows behind the session tokens, on a real PostgreSQL: what ends a session, what a
// live session reports, and that the account page's data is the user's own only.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("sessions_test");
});
afterAll(async () => database?.drop());

const newUser = (role: Role = "CUSTOMER"): Promise<SessionUser> =>
  createUser({
    email: `${role.toLowerCase()}-${randomUUID()}@example.com`,
    name: `A ${role}`,
    password: "a long enough password",
    role,
  });
const client = {
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36",
  address: "10.1.2.3",
};

describe("sessions", () => {
  it("a new session reports its user; ending it ends it for good", async () => {
    const user = await newUser();
    const id = await createSession(user.id, client);
    expect(await getSessionUser(id)).toEqual(user);
    await endSession(id);
    expect(await getSessionUser(id)).toBeNull();
    const prisma = await db();
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it("sign out everywhere ends all of the user's sessions and no one else's", async () => {
    const [user, other] = [await newUser(), await newUser()];
    const mine = [await createSession(user.id, client), await createSession(user.id, client)];
    const theirs = await createSession(other.id, client);
    expect(await endAllSessionsOfUser(user)).toBe(2);
    for (const id of mine) expect(await getSessionUser(id)).toBeNull();
    expect(await getSessionUser(theirs)).toEqual(other);
  });

  it("a user can end their own other session but not someone else's", async () => {
    const [user, other] = [await newUser(), await newUser()];
    const current = await createSession(user.id, client);
    const second = await createSession(user.id, { userAgent: null, address: "unknown" });
    const theirs = await createSession(other.id, client);
    const listed = await listSessionsForUser(user, current);
    expect(listed.map((s) => [s.id, s.current])).toEqual([
      [current, true],
      [second, false],
    ]);
    expect(listed[1]).toMatchObject({ userAgent: null, address: null });
    expect(await endSessionOfUser(user, theirs)).toBe(false);
    expect(await getSessionUser(theirs)).toEqual(other);
    expect(await endSessionOfUser(user, second)).toBe(true);
    expect(await getSessionUser(second)).toBeNull();
    expect(await getSessionUser(current)).toEqual(user);
  });

  it("a role change shows in the live session at once; disabling the account ends its sessions", async () => {
    const admin = await newUser("ADMIN");
    const user = await newUser();
    const id = await createSession(user.id, client);
    await changeUserRole(admin, { userId: user.id, role: "SUPPORT", reason: "helpdesk" });
    expect(await getSessionUser(id)).toMatchObject({ id: user.id, role: "SUPPORT" });
    await setUserDisabled(admin, { userId: user.id, disabled: true, reason: "left" });
    expect(await getSessionUser(id)).toBeNull();
    const prisma = await db();
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(0);
    // Enabling again does not revive the old session.
    await setUserDisabled(admin, { userId: user.id, disabled: false, reason: "back" });
    expect(await getSessionUser(id)).toBeNull();
  });

  it("last-seen is written at most every few minutes, and an idle session expires", async () => {
    const user = await newUser();
    const id = await createSession(user.id, client);
    const prisma = await db();
    const seen = async () =>
      (await prisma.userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime();
    const first = await seen();
    await getSessionUser(id);
    expect(await seen()).toBe(first);
    const earlier = new Date(Date.now() - LAST_SEEN_EVERY_MS - 1000);
    await prisma.userSession.update({ where: { id }, data: { lastSeenAt: earlier } });
    await getSessionUser(id);
    expect(await seen()).toBeGreaterThan(earlier.getTime());
    await prisma.userSession.update({
      where: { id },
      data: { lastSeenAt: new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000) },
    });
    expect(await getSessionUser(id)).toBeNull();
    expect(await prisma.userSession.count({ where: { id } })).toBe(0);
  });
});
