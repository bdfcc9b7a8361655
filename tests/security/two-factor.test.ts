import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { createSession, getSessionCheck } from "@/lib/auth/sessions";
import { storeChallenge, takeChallenge } from "@/lib/auth/two-factor/challenge";
import { signInContinuesAtSecondFactor } from "@/lib/auth/two-factor/next-step";
import { removeTotp, renewRecoveryCodes, resetSecondFactors } from "@/lib/auth/two-factor/manage";
import { openSecret } from "@/lib/auth/two-factor/secret-box";
import { totpCode, totpStep } from "@/lib/auth/two-factor/totp";
import { checkTotpCode, confirmTotpEnrolment, pendingTotpEnrolment } from "@/lib/auth/two-factor/totp-factor";
import { passSecondFactorWithCode } from "@/lib/auth/two-factor/verify";
import { REAUTH_FAILURES } from "@/lib/auth/throttle";
import { Refusal } from "@/lib/refusal";
import { createUser, type SessionUser } from "@/lib/users/data";
import { seedDemoAccounts } from "@/lib/users/demo";
import { DEMO_STAFF_TOTP_SECRET } from "@/lib/users/demo-second-factor";
import { createTestDatabase, setEnv, type TestDatabase } from "@/tests/support/database";

// Second factors on a real PostgreSQL: enrolment, one use per TOTP step, recovery codes that work
// once, the session states the guards act on, the admin's reset, and no secret in the audit log.

const AUTH_SECRET = "two-factor-test-secret-0123456789abcdef";
const PASSWORD = "a long enough password";
const ADDRESS = "198.51.100.20";
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("two_factor_test");
  setEnv({ AUTH_SECRET });
});
afterAll(async () => database?.drop());

const newUser = (role: Role): Promise<SessionUser> =>
  createUser({
    email: `${role.toLowerCase()}-${randomUUID()}@example.com`,
    name: `A ${role}`,
    password: PASSWORD,
    role,
  });
const stateOf = async (sessionId: string) => (await getSessionCheck(sessionId))?.secondFactor;
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof Refusal ? error : Promise.reject(error)),
  );

/** A staff member with a confirmed app, and what enrolment showed them once. */
async function enrolledStaff(role: Role = "SUPPORT") {
  const user = await newUser(role);
  const sessionId = await createSession(user.id, {});
  const { secret } = await pendingTotpEnrolment(user);
  const step = totpStep();
  const codes = await confirmTotpEnrolment(user, sessionId, totpCode(secret, step));
  return { user, sessionId, secret, step, codes };
}

async function auditText(): Promise<string> {
  const prisma = await db();
  return JSON.stringify(await prisma.auditEvent.findMany());
}

describe("two-factor sign-in", () => {
  it("staff without a factor must enrol; the enrolment's secret is stored encrypted and kept across reloads", async () => {
    const user = await newUser("SUPPORT");
    const sessionId = await createSession(user.id, {});
    expect(await stateOf(sessionId)).toBe("enrol");
    const first = await pendingTotpEnrolment(user);
    expect((await pendingTotpEnrolment(user)).secret).toBe(first.secret);
    expect(first.qrSvg).toMatch(/^<svg/);
    const row = await (await db()).totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secret).not.toContain(first.secret);
    expect(openSecret(row.secret, AUTH_SECRET)).toBe(first.secret);

    const wrong = await refusalOf(confirmTotpEnrolment(user, sessionId, "000000"));
    expect(wrong?.fieldErrors.code).toBeDefined();
    expect(await stateOf(sessionId)).toBe("enrol");
    const codes = await confirmTotpEnrolment(user, sessionId, totpCode(first.secret));
    expect(codes).toHaveLength(10);
    expect(await stateOf(sessionId)).toBe("done");
    // Another browser of the same account now has to pass the factor.
    expect(await stateOf(await createSession(user.id, {}))).toBe("verify");
    expect(await refusalOf(pendingTotpEnrolment(user))).toMatchObject({ code: "not_allowed" });
  });

  it("a customer without a factor is signed in by the password; with one, must verify", async () => {
    const customer = await newUser("CUSTOMER");
    expect(await stateOf(await createSession(customer.id, {}))).toBe("done");
    expect(await signInContinuesAtSecondFactor(customer.email)).toBe(false);
    const { secret } = await pendingTotpEnrolment(customer);
    await confirmTotpEnrolment(customer, await createSession(customer.id, {}), totpCode(secret));
    expect(await stateOf(await createSession(customer.id, {}))).toBe("verify");
    expect(await signInContinuesAtSecondFactor(customer.email.toUpperCase())).toBe(true);
    expect(await signInContinuesAtSecondFactor((await newUser("ADMIN")).email)).toBe(true);
    expect(await signInContinuesAtSecondFactor("nobody@example.com")).toBe(false);
  });

  it("a TOTP code is accepted once: the same step, or an earlier one, is refused afterwards", async () => {
    const { user, secret, step } = await enrolledStaff();
    expect(await checkTotpCode(user.id, totpCode(secret, step))).toBe(false); // used at enrolment
    expect(await checkTotpCode(user.id, totpCode(secret, step + 1))).toBe(true);
    expect(await checkTotpCode(user.id, totpCode(secret, step + 1))).toBe(false);
    expect(await checkTotpCode(user.id, totpCode(secret, step))).toBe(false);
    expect(await checkTotpCode(user.id, totpCode(secret, step + 3))).toBe(false); // outside the window
  });

  it("a recovery code signs in exactly once, is audited without the code, and new codes replace the old", async () => {
    const { user, codes } = await enrolledStaff();
    const session = { user, sessionId: await createSession(user.id, {}) };
    expect(await stateOf(session.sessionId)).toBe("verify");
    expect(await passSecondFactorWithCode(session, codes[0]!.toUpperCase(), ADDRESS)).toEqual({
      method: "recovery",
    });
    expect(await stateOf(session.sessionId)).toBe("done");

    const again = { user, sessionId: await createSession(user.id, {}) };
    expect(await refusalOf(passSecondFactorWithCode(again, codes[0]!, ADDRESS))).toMatchObject({
      code: "invalid",
    });
    expect(await stateOf(again.sessionId)).toBe("verify");
    const prisma = await db();
    const used = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.recovery_code_used", targetUserId: user.id },
    });
    expect(used.details).toEqual({ left: 9 });

    expect(await refusalOf(renewRecoveryCodes(user, "not my password"))).toMatchObject({ code: "invalid" });
    const renewed = await renewRecoveryCodes(user, PASSWORD);
    expect(renewed).toHaveLength(10);
    expect(await refusalOf(passSecondFactorWithCode(again, codes[1]!, ADDRESS))).toMatchObject({
      code: "invalid",
    });
    await passSecondFactorWithCode(again, renewed[0]!, ADDRESS);
    expect(await stateOf(again.sessionId)).toBe("done");
  });

  it("wrong passwords before a change of factors are throttled per account, and the wait is named", async () => {
    const { user } = await enrolledStaff();
    for (let i = 0; i < REAUTH_FAILURES; i += 1)
      expect(await refusalOf(renewRecoveryCodes(user, "not my password"))).toMatchObject({ code: "invalid" });
    expect(await refusalOf(renewRecoveryCodes(user, PASSWORD))).toMatchObject({
      code: "not_allowed",
      message: expect.stringMatching(/wait 5 minutes/),
    });
  });

  it("staff cannot remove their only factor; a customer can, and their recovery codes go with it", async () => {
    const { user } = await enrolledStaff();
    expect(await refusalOf(removeTotp(user, PASSWORD))).toMatchObject({ code: "not_allowed" });
    const customer = await newUser("CUSTOMER");
    const sessionId = await createSession(customer.id, {});
    const { secret } = await pendingTotpEnrolment(customer);
    await confirmTotpEnrolment(customer, sessionId, totpCode(secret));
    expect(await refusalOf(removeTotp(customer, "wrong password"))).toMatchObject({ code: "invalid" });
    await removeTotp(customer, PASSWORD);
    const prisma = await db();
    expect(await prisma.recoveryCode.count({ where: { userId: customer.id } })).toBe(0);
    expect(await stateOf(await createSession(customer.id, {}))).toBe("done");
  });

  it("an admin's reset removes every factor and ends the sessions; support may not reset", async () => {
    const { user, sessionId } = await enrolledStaff();
    const admin = await newUser("ADMIN");
    expect(await refusalOf(resetSecondFactors(user, admin.id))).toMatchObject({ code: "forbidden" });
    expect(await refusalOf(resetSecondFactors(admin, admin.id))).toMatchObject({ code: "not_allowed" });
    await resetSecondFactors(admin, user.id);
    const prisma = await db();
    expect(await prisma.totpFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await getSessionCheck(sessionId)).toBeNull();
    expect(await stateOf(await createSession(user.id, {}))).toBe("enrol");
    const reset = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.second_factors_reset", targetUserId: user.id },
    });
    expect(reset).toMatchObject({ actorId: admin.id, details: { totp: true, passkeys: 0 } });
  });

  it("a passkey challenge is kept per session, of one kind, spent once and refused once lapsed", async () => {
    const user = await newUser("SUPPORT");
    const [mine, other] = [await createSession(user.id, {}), await createSession(user.id, {})];
    await storeChallenge(mine, "authenticate", "challenge-1");
    expect(await takeChallenge(other, "authenticate")).toBeNull();
    expect(await takeChallenge(mine, "register")).toBeNull();
    expect(await takeChallenge(mine, "authenticate")).toBe("challenge-1");
    expect(await takeChallenge(mine, "authenticate")).toBeNull();
    await storeChallenge(mine, "register", "challenge-2");
    const prisma = await db();
    await prisma.userSession.update({
      where: { id: mine },
      data: { challengeExpiresAt: new Date(Date.now() - 1) },
    });
    expect(await takeChallenge(mine, "register")).toBeNull();
  });

  it("no audit row holds a TOTP secret, its sealed form or a recovery code", async () => {
    const { user, secret, codes } = await enrolledStaff();
    const sealed = (await (await db()).totpFactor.findUniqueOrThrow({ where: { userId: user.id } })).secret;
    const text = await auditText();
    expect(text).toContain("user.second_factor_added");
    for (const value of [secret, sealed, ...codes]) expect(text).not.toContain(value);
  });

  it("demo mode seeds support and admin with the printed authenticator key", async () => {
    setEnv({ SEED_DEMO: "1" });
    try {
      await seedDemoAccounts();
    } finally {
      setEnv({ SEED_DEMO: undefined });
    }
    const prisma = await db();
    for (const email of ["support@portal.example", "admin@portal.example"]) {
      const staff = await prisma.user.findUniqueOrThrow({ where: { email } });
      expect(await stateOf(await createSession(staff.id, {}))).toBe("verify");
      expect(await checkTotpCode(staff.id, totpCode(DEMO_STAFF_TOTP_SECRET))).toBe(true);
    }
    const customer = await prisma.user.findUniqueOrThrow({ where: { email: "customer@portal.example" } });
    expect(await stateOf(await createSession(customer.id, {}))).toBe("done");
  });
});
