import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { createDraft } from "@/lib/orders/commands/drafts";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { submitOrder } from "@/lib/orders/commands/submit";
import { isRefusal } from "@/lib/refusal";
import { changePassword } from "@/lib/users/change-password";
import { createUser, type SessionUser } from "@/lib/users/data";
import { confirmEmailChange, emailChangeLink, requestEmailChange } from "@/lib/users/email-change";
import { requestPasswordReset, resetLinkRefusal, resetPassword } from "@/lib/users/password-reset";
import { registerCustomer } from "@/lib/users/register";
import { hashToken, LINK_MALFORMED } from "@/lib/users/tokens";
import {
  confirmEmailVerification,
  isEmailVerified,
  resendVerification,
  verificationLinkAddress,
  verifyLinkRefusal,
} from "@/lib/users/verification";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// The account links against a real PostgreSQL: what the mail carries (read from the outbox row
// the flow queued in its own transaction), what a link does once, and that every hostile use of
// one (again, expired, for another account, truncated, for another purpose) changes nothing.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("account_links");
});
afterAll(async () => database?.drop());
beforeEach(async () => {
  await database.reset();
  await (await db()).rateLimiterFlexible.deleteMany({});
});

const PASSWORD = "quiet meadow rocket 7";
let n = 0;
const address = () => `198.51.100.${(n += 1)}`;

async function mails(to: string, template?: string) {
  const prisma = await db();
  return prisma.mailOutbox.findMany({
    where: { recipient: to, ...(template ? { template } : {}) },
    orderBy: { createdAt: "asc" },
  });
}

/** The token in the newest mailed link of `template` to `to`. */
async function tokenFrom(to: string, template: string): Promise<string> {
  const rows = await mails(to, template);
  const link = (rows.at(-1)?.data as { link?: string } | null)?.link;
  if (!link) throw new Error(`no ${template} mail to ${to}`);
  return new URL(link).searchParams.get("token")!;
}

async function userRow(email: string) {
  const prisma = await db();
  return prisma.user.findUniqueOrThrow({ where: { email } });
}

const customer = (email: string) =>
  createUser({ email, name: "Cora Customer", password: PASSWORD, role: "CUSTOMER" });
const asSession = (row: {
  id: string;
  email: string;
  name: string;
  role: SessionUser["role"];
}): SessionUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
});

describe("e-mail verification", () => {
  it("a new account is unconfirmed, may draft but not submit, and one click of the mailed link confirms it", async () => {
    await registerCustomer({ name: "Nina New", email: "nina@example.com", password: PASSWORD });
    const nina = asSession(await userRow("nina@example.com"));
    expect(await isEmailVerified(nina.id)).toBe(false);
    const token = await tokenFrom("nina@example.com", "verify-email");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const prisma = await db();
    const stored = await prisma.accountToken.findFirstOrThrow({ where: { userId: nina.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(24 * 3_600_000);

    const draft = await createDraft(nina, { product: 781 } as DraftInput, "review", false);
    const refusal = await submitOrder(nina, {
      orderId: draft.id,
      input: { product: 781 } as DraftInput,
      test: false,
    }).catch((e: unknown) => e);
    expect(isRefusal(refusal) && refusal.code).toBe("email_unverified");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");

    // The link's page names the address it confirms, and only while the link works.
    expect(await verificationLinkAddress(token)).toBe("nina@example.com");
    expect(await confirmEmailVerification(token, null)).toBe("verified");
    expect(await verificationLinkAddress(token)).toBeNull();
    expect(await isEmailVerified(nina.id)).toBe(true);
    // Past the gate now: the same incomplete draft is refused for its answers, not the address.
    const next = await submitOrder(nina, {
      orderId: draft.id,
      input: { product: 781 } as DraftInput,
      test: false,
    }).catch((e: unknown) => e);
    expect(isRefusal(next) && next.code).toBe("invalid");
    expect(await confirmEmailVerification(token, null)).toBe("invalid");
  });

  it("refuses a link that is reused, truncated, altered, for another purpose, expired, or for another signed-in account", async () => {
    await registerCustomer({ name: "Vic", email: "vic@example.com", password: PASSWORD });
    const vic = await userRow("vic@example.com");
    const token = await tokenFrom("vic@example.com", "verify-email");
    const other = await customer("other@example.com");
    for (const bad of [
      token.slice(0, 42),
      token.slice(0, 20),
      `${token}x`,
      token.replace(/^./, (c) => (c === "A" ? "B" : "A")),
      "",
      null,
      42,
    ]) {
      expect(await confirmEmailVerification(bad, null)).toBe("invalid");
    }
    // Cut short or missing: "incomplete"; well formed but unknown: "does not work any more".
    for (const bad of [token.slice(0, 42), `${token}x`, "", null, undefined]) {
      expect(verifyLinkRefusal(bad)).toBe(LINK_MALFORMED);
      expect(resetLinkRefusal(bad)).toBe(LINK_MALFORMED);
    }
    const altered = token.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    expect(verifyLinkRefusal(altered)).toContain("does not work any more");
    expect(resetLinkRefusal(altered)).toContain("does not work any more");
    // Another account signed in in this browser: refused, and the link still works for its owner.
    expect(await confirmEmailVerification(token, other)).toBe("other_account");
    expect(await isEmailVerified(vic.id)).toBe(false);
    // A reset link is not a verification link, and vice versa.
    await requestPasswordReset("vic@example.com", address());
    const reset = await tokenFrom("vic@example.com", "password-reset");
    expect(await confirmEmailVerification(reset, null)).toBe("invalid");
    expect(await resetPassword({ token, password: "a different passphrase 9" }, null)).toBe("invalid");
    // Expired.
    const prisma = await db();
    await prisma.accountToken.updateMany({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await confirmEmailVerification(token, null)).toBe("invalid");
    expect(await isEmailVerified(vic.id)).toBe(false);
    expect(await verifyPassword((await userRow("vic@example.com")).passwordHash, PASSWORD)).toBe(true);
  });

  it("sending the link again makes the older link stop working; unknown or confirmed addresses get nothing", async () => {
    await registerCustomer({ name: "Rex", email: "rex@example.com", password: PASSWORD });
    const first = await tokenFrom("rex@example.com", "verify-email");
    expect(await resendVerification("REX@example.com ", address())).toBe(0);
    const second = await tokenFrom("rex@example.com", "verify-email");
    expect(second).not.toBe(first);
    expect(await confirmEmailVerification(first, null)).toBe("invalid");
    expect(await confirmEmailVerification(second, null)).toBe("verified");
    expect(await resendVerification("rex@example.com", address())).toBe(0);
    expect(await resendVerification("nobody@example.com", address())).toBe(0);
    expect(await mails("rex@example.com", "verify-email")).toHaveLength(2);
    expect(await mails("nobody@example.com")).toHaveLength(0);
  });
});

describe("password reset", () => {
  it("mails a single-use link; using it sets the password, ends every session and sends a notice", async () => {
    const user = await customer("reset@example.com");
    const sessions = await Promise.all([createSession(user.id, {}), createSession(user.id, {})]);
    expect(sessions).toHaveLength(2);
    await requestPasswordReset("Reset@Example.com", address());
    const token = await tokenFrom("reset@example.com", "password-reset");
    const prisma = await db();
    const row = await prisma.accountToken.findFirstOrThrow({
      where: { userId: user.id, purpose: "PASSWORD_RESET" },
    });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(45 * 60_000);

    expect(await resetPassword({ token, password: "a different passphrase 9" }, null)).toBe("reset");
    const after = await userRow("reset@example.com");
    expect(await verifyPassword(after.passwordHash, "a different passphrase 9")).toBe(true);
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(0);
    expect((await mails("reset@example.com", "password-changed")).map((m) => m.data)).toEqual([
      { name: "Cora Customer", how: "reset" },
    ]);
    expect(
      await prisma.auditEvent.count({ where: { action: "user.password_reset", targetUserId: user.id } }),
    ).toBe(1);

    // Used once: the second use changes nothing.
    expect(await resetPassword({ token, password: "yet another passphrase 3" }, null)).toBe("invalid");
    expect((await userRow("reset@example.com")).passwordHash).toBe(after.passwordHash);
  });

  it("keeps one live link per account, and refuses expired, truncated and other accounts' links without changing anything", async () => {
    const user = await customer("one@example.com");
    const other = await customer("two@example.com");
    await requestPasswordReset("one@example.com", address());
    const first = await tokenFrom("one@example.com", "password-reset");
    await requestPasswordReset("one@example.com", address());
    const second = await tokenFrom("one@example.com", "password-reset");
    const prisma = await db();
    expect(await prisma.accountToken.count({ where: { userId: user.id, purpose: "PASSWORD_RESET" } })).toBe(
      1,
    );
    const before = (await userRow("one@example.com")).passwordHash;
    const attempts = [
      resetPassword({ token: first, password: "a different passphrase 9" }, null),
      resetPassword({ token: second.slice(0, 40), password: "a different passphrase 9" }, null),
      // The signed-in browser belongs to another account: refused, the link stays good.
      resetPassword({ token: second, password: "a different passphrase 9" }, other),
    ];
    expect(await Promise.all(attempts)).toEqual(["invalid", "invalid", "other_account"]);
    await prisma.accountToken.updateMany({
      where: { tokenHash: hashToken(second) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await resetPassword({ token: second, password: "a different passphrase 9" }, null)).toBe(
      "invalid",
    );
    expect((await userRow("one@example.com")).passwordHash).toBe(before);
    expect((await userRow("two@example.com")).passwordHash).not.toBe(before);
    expect(await mails("one@example.com", "password-changed")).toHaveLength(0);
  });

  it("does nothing visible for an unknown address, and mails an account at most three times an hour", async () => {
    await customer("flood@example.com");
    expect(await requestPasswordReset("unknown@example.com", address())).toBeUndefined();
    expect(await mails("unknown@example.com")).toHaveLength(0);
    for (let i = 0; i < 5; i += 1) await requestPasswordReset("flood@example.com", address());
    expect(await mails("flood@example.com", "password-reset")).toHaveLength(3);
  });
});

describe("password change and e-mail change", () => {
  it("a password change needs the current password and ends the other sessions only", async () => {
    const user = await customer("change@example.com");
    const [mine, other] = [await createSession(user.id, {}), await createSession(user.id, {})];
    const wrong = await changePassword(
      user,
      { currentPassword: "not my password", password: "a different passphrase 9" },
      { sessionId: mine, address: address() },
    ).catch((e: unknown) => e);
    expect(isRefusal(wrong) && wrong.fieldErrors).toEqual({
      currentPassword: ["Your current password is not correct."],
    });
    const result = await changePassword(
      user,
      { currentPassword: PASSWORD, password: "a different passphrase 9" },
      { sessionId: mine, address: address() },
    );
    expect(result).toEqual({ endedSessions: 1 });
    const prisma = await db();
    expect((await prisma.userSession.findMany({ where: { userId: user.id } })).map((s) => s.id)).toEqual([
      mine,
    ]);
    expect(other).not.toBe(mine);
    expect(await mails("change@example.com", "password-changed")).toHaveLength(1);
  });

  it("changes the address only when the link sent to the new one is followed, and tells the old one", async () => {
    const user = await customer("old@example.com");
    await customer("taken@example.com");
    // A taken address is answered like any other (account-enumeration.test.ts); its owner is told,
    // no link is made, and nothing of either account changes.
    await requestEmailChange(user, { currentPassword: PASSWORD, newEmail: "Taken@example.com" }, address());
    expect((await mails("taken@example.com")).map((m) => m.template)).toEqual(["email-change-address-taken"]);
    expect((await userRow("old@example.com")).id).toBe(user.id);
    const wrong = await requestEmailChange(
      user,
      { currentPassword: "wrong", newEmail: "new@example.com" },
      address(),
    ).catch((e: unknown) => e);
    expect(isRefusal(wrong) && wrong.fieldErrors.emailChangePassword).toBeTruthy();
    await requestEmailChange(user, { currentPassword: PASSWORD, newEmail: " New@Example.com" }, address());
    expect((await userRow("old@example.com")).id).toBe(user.id);
    const token = await tokenFrom("new@example.com", "email-change-confirm");
    // The page tells a cut-short link from a live one before anything is clicked.
    expect(await emailChangeLink(token)).toEqual({
      state: "live",
      email: "old@example.com",
      newEmail: "new@example.com",
    });
    expect(await emailChangeLink(token.slice(0, 30))).toEqual({ state: "malformed" });
    expect(await emailChangeLink(`${token.slice(0, 42)}${token.endsWith("A") ? "B" : "A"}`)).toEqual({
      state: "dead",
    });
    expect(await confirmEmailChange(token.slice(0, 30), null)).toEqual({ ok: false, reason: "invalid" });
    const stranger = await customer("stranger@example.com");
    expect(await confirmEmailChange(token, stranger)).toEqual({ ok: false, reason: "other_account" });
    expect(await confirmEmailChange(token, user)).toEqual({ ok: true, newEmail: "new@example.com" });
    const moved = await userRow("new@example.com");
    expect(moved.id).toBe(user.id);
    expect(moved.emailVerifiedAt).not.toBeNull();
    expect((await mails("old@example.com", "email-changed")).map((m) => m.data)).toEqual([
      { name: "Cora Customer", newEmail: "new@example.com" },
    ]);
    expect(await confirmEmailChange(token, null)).toEqual({ ok: false, reason: "invalid" });
    // Opened again, the used link says what it did instead of "unchanged".
    expect(await emailChangeLink(token)).toEqual({
      state: "used",
      email: "new@example.com",
      newEmail: "new@example.com",
    });
  });

  it("refuses the confirmation when the new address was taken meanwhile, changing nothing", async () => {
    const user = await customer("first@example.com");
    await requestEmailChange(user, { currentPassword: PASSWORD, newEmail: "race@example.com" }, address());
    const token = await tokenFrom("race@example.com", "email-change-confirm");
    await customer("race@example.com");
    expect(await confirmEmailChange(token, null)).toEqual({ ok: false, reason: "taken" });
    expect((await userRow("first@example.com")).id).toBe(user.id);
    expect(await mails("first@example.com", "email-changed")).toHaveLength(0);
  });
});

describe("sign-up tells the owner of a taken address, not the visitor", () => {
  it("queues a verification link for a new address and a notice for a taken one, once an hour", async () => {
    const owner = await customer("owner@example.com");
    await registerCustomer({ name: "Mallory", email: "OWNER@example.com", password: PASSWORD });
    await registerCustomer({ name: "Mallory", email: "owner@example.com", password: PASSWORD });
    await registerCustomer({ name: "Fresh", email: "fresh@example.com", password: PASSWORD });
    expect((await mails("owner@example.com")).map((m) => m.template)).toEqual(["sign-up-existing-account"]);
    expect((await mails("fresh@example.com")).map((m) => m.template)).toEqual(["verify-email"]);
    expect((await userRow("owner@example.com")).passwordHash).toBe(
      (await (await db()).user.findUniqueOrThrow({ where: { id: owner.id } })).passwordHash,
    );
    expect((await userRow("owner@example.com")).name).toBe("Cora Customer");
  });
});
