import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUser, type SessionUser } from "@/lib/users/data";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// The three anonymous forms that take an e-mail address (sign-up, "Forgot password?", "send the
// confirmation link again") must answer an address with an account exactly as one without: same
// answer, and for the two mail requests, the lookup and mail only after the answer (next/server's
// after(), collected here and run once the answers are compared).

const deferred = vi.hoisted(() => [] as (() => Promise<unknown> | unknown)[]);
const request = vi.hoisted(() => ({ address: "203.0.113.1", user: null as SessionUser | null }));
vi.mock("@/lib/auth", () => ({
  auth: async () => null,
  signIn: async () => undefined,
  signOut: async () => undefined,
}));
// The account page's actions run as `request.user` (the guards are tested in sessions.test.ts).
vi.mock("@/lib/auth/guards", () => ({
  requireUser: async () => request.user,
  requireRole: async () => request.user,
  getCurrentSession: async () => (request.user ? { user: request.user, sessionId: "s" } : null),
  requireSignInStep: async () => {
    throw new Error("not used here");
  },
}));
vi.mock("next-auth", () => ({
  AuthError: class extends Error {},
  CredentialsSignin: class extends Error {},
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": request.address }) }));
vi.mock("next/server", () => ({ after: (task: () => unknown) => void deferred.push(task) }));

const { signUpAction } = await import("@/app/(auth)/actions");
const { forgotPasswordAction } = await import("@/app/(auth)/forgot-password/actions");
const { resendVerificationAction } = await import("@/app/(auth)/verify-email/actions");
const { changeEmailAction } = await import("@/app/(portal)/account/actions");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("account_enumeration");
});
afterAll(async () => database?.drop());
beforeEach(async () => {
  await database.reset();
  deferred.length = 0;
});

const PASSWORD = "quiet meadow rocket 7";
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function timed<T>(call: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now();
  const answer = await call();
  return { answer, ms: performance.now() - started };
}

async function runDeferred(): Promise<void> {
  for (const task of deferred.splice(0)) await task();
}

async function recipients(): Promise<string[]> {
  const rows = await (await db()).mailOutbox.findMany({ select: { recipient: true, template: true } });
  return rows.map((r) => `${r.template} ${r.recipient}`).sort();
}

describe("answers that do not tell who has an account", () => {
  it("Forgot password? answers alike, at the same speed, and mails only the account", async () => {
    await createUser({ email: "known@example.com", name: "Known", password: PASSWORD, role: "CUSTOMER" });
    const samples = { known: [] as number[], unknown: [] as number[] };
    const answers = new Set<string>();
    for (let i = 0; i < 7; i += 1) {
      request.address = `203.0.113.${10 + i}`;
      const known = await timed(() => forgotPasswordAction(undefined, { email: "Known@example.com" }));
      const unknown = await timed(() =>
        forgotPasswordAction(undefined, { email: `nobody-${i}@example.com` }),
      );
      answers.add(JSON.stringify(known.answer)).add(JSON.stringify(unknown.answer));
      samples.known.push(known.ms);
      samples.unknown.push(unknown.ms);
    }
    expect([...answers]).toHaveLength(1);
    expect(JSON.parse([...answers][0]!)).toMatchObject({
      ok: true,
      message: expect.stringContaining("If an account"),
    });
    // Nothing was looked up or written before answering: no mail yet, for either.
    expect(await recipients()).toEqual([]);
    const [k, u] = [median(samples.known), median(samples.unknown)];
    expect(Math.abs(k - u), `median known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`).toBeLessThan(
      Math.max(5, 0.5 * Math.max(k, u)),
    );
    await runDeferred();
    // Three a hour per account: the known address got three links, the unknown ones nothing.
    expect(await recipients()).toEqual(Array(3).fill("password-reset known@example.com"));
  });

  it("sending the confirmation link again answers alike for unconfirmed, confirmed and unknown addresses", async () => {
    await createUser({ email: "confirmed@example.com", name: "C", password: PASSWORD, role: "CUSTOMER" });
    request.address = "203.0.113.30";
    await signUpAction(undefined, {
      name: "U",
      email: "pending@example.com",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    await (await db()).mailOutbox.deleteMany({});
    const answers = await Promise.all(
      ["pending@example.com", "confirmed@example.com", "unknown@example.com"].map((email) =>
        resendVerificationAction(undefined, { email }),
      ),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ ok: true, message: expect.stringContaining("If this address") });
    await runDeferred();
    expect(await recipients()).toEqual(["verify-email pending@example.com"]);
    // Past the hourly limit the answer says so instead of "on its way", alike for every address.
    const emails = ["pending@example.com", "confirmed@example.com", "unknown@example.com"];
    for (let i = 0; i < 2; i += 1) {
      for (const email of emails) await resendVerificationAction(undefined, { email });
    }
    const throttled = await Promise.all(
      emails.map((email) => resendVerificationAction(undefined, { email })),
    );
    expect(new Set(throttled.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(throttled[0]).toMatchObject({ ok: false, message: expect.stringContaining("several times") });
    expect(throttled[0]!.message).not.toContain("on its way");
  });

  it("sign-up answers alike for a taken and a new address; the owner is told by mail", async () => {
    await createUser({ email: "taken@example.com", name: "Owner", password: PASSWORD, role: "CUSTOMER" });
    request.address = "203.0.113.40";
    const form = (email: string) => ({
      name: "Visitor",
      email,
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    const taken = await signUpAction(undefined, form("Taken@example.com"));
    const fresh = await signUpAction(undefined, form("fresh@example.com"));
    expect(taken).toEqual(fresh);
    expect(taken).toMatchObject({ ok: true, message: expect.stringContaining("Check your inbox") });
    // One short answer for both cases: it names neither "new" nor "already had an account".
    expect(taken.message).not.toMatch(/if it (was new|already had)/i);
    expect(taken.message).toContain("sign in");
    expect(await recipients()).toEqual([
      "sign-up-existing-account taken@example.com",
      "verify-email fresh@example.com",
    ]);
    // A weak password is refused the same way for both, before anything is looked up.
    const weak = (email: string) =>
      signUpAction(undefined, { ...form(email), password: "password1234", confirmPassword: "password1234" });
    expect(await weak("taken@example.com")).toEqual(await weak("other@example.com"));
  });

  it("changing one's e-mail address answers alike, at the same speed, whether or not the new one is taken", async () => {
    const mover = await createUser({
      email: "mover@example.com",
      name: "M",
      password: PASSWORD,
      role: "CUSTOMER",
    });
    await createUser({ email: "taken@example.com", name: "Owner", password: PASSWORD, role: "CUSTOMER" });
    request.user = mover;
    const change = (newEmail: string) =>
      changeEmailAction(undefined, { newEmail, emailChangePassword: PASSWORD });
    const samples = { taken: [] as number[], fresh: [] as number[] };
    const answers = new Set<string>();
    for (let i = 0; i < 7; i += 1) {
      request.address = `203.0.113.${50 + i}`;
      const fresh = await timed(() => change(`fresh-${i}@example.com`));
      const taken = await timed(() => change("taken@example.com"));
      answers.add(JSON.stringify(fresh.answer).replace(`fresh-${i}@`, "X@"));
      answers.add(JSON.stringify(taken.answer).replace("taken@", "X@"));
      samples.taken.push(taken.ms);
      samples.fresh.push(fresh.ms);
    }
    expect([...answers]).toHaveLength(1);
    expect(JSON.parse([...answers][0]!)).toMatchObject({
      ok: true,
      message: expect.stringContaining("X@example.com"),
    });
    const [t, f] = [median(samples.taken), median(samples.fresh)];
    expect(Math.abs(t - f), `median taken ${t.toFixed(2)} ms, fresh ${f.toFixed(2)} ms`).toBeLessThan(
      Math.max(5, 0.5 * Math.max(t, f)),
    );
    await runDeferred();
    // The new addresses get a link; the taken one no link, only one notice to its owner an hour.
    const prisma = await db();
    expect(await recipients()).toEqual([
      "email-change-address-taken taken@example.com",
      ...Array.from({ length: 7 }, (_, i) => `email-change-confirm fresh-${i}@example.com`),
    ]);
    expect(await prisma.accountToken.count({ where: { newEmail: "taken@example.com" } })).toBe(0);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: mover.id } })).email).toBe(
      "mover@example.com",
    );
  });
});
