import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSession, getSessionCheck } from "@/lib/auth/sessions";
import {
  ACCOUNT_SLOW_AFTER,
  ACCOUNT_SLOW_SECONDS,
  CODE_ADDRESS_FAILURES,
  CODE_NOTICE_AFTER_FAILURES,
  codeDelaySeconds,
  FREE_CODE_FAILURES_PER_PAIR,
  recordSecondFactorFailure,
  secondFactorBlockedFor,
} from "@/lib/auth/two-factor/throttle";
import { totpCode, totpStep } from "@/lib/auth/two-factor/totp";
import { confirmTotpEnrolment, pendingTotpEnrolment } from "@/lib/auth/two-factor/totp-factor";
import { passSecondFactorWithCode } from "@/lib/auth/two-factor/verify";
import { db } from "@/lib/db";
import { Refusal } from "@/lib/refusal";
import { createUser } from "@/lib/users/data";
import { createTestDatabase, setEnv, type TestDatabase } from "@/tests/support/database";

// Wrong second-factor codes on a real PostgreSQL: whoever has the password can slow only their own
// address (and an address only so far over all accounts), never the owner elsewhere; the account
// as a whole is slowed, not locked; the owner is mailed once an hour.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("two_factor_throttle");
  setEnv({ AUTH_SECRET: "two-factor-throttle-secret-0123456789" });
});
afterAll(async () => database?.drop());
beforeEach(async () => {
  await database.reset();
  await (await db()).rateLimiterFlexible.deleteMany({});
});

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof Refusal ? error : Promise.reject(error)),
  );
const stateOf = async (sessionId: string) => (await getSessionCheck(sessionId))?.secondFactor;

async function enrolledStaff() {
  const user = await createUser({
    email: `support-${randomUUID()}@example.com`,
    name: "Sam Support",
    password: "a long enough password",
    role: "SUPPORT",
  });
  const { secret } = await pendingTotpEnrolment(user);
  const step = totpStep();
  await confirmTotpEnrolment(user, await createSession(user.id, {}), totpCode(secret, step));
  return { user, secret, step };
}

describe("wrong second-factor codes", () => {
  it("slow the stranger's address while the owner at another address signs in at once; the owner is mailed once", async () => {
    const { user, secret, step } = await enrolledStaff();
    const stranger = { user, sessionId: await createSession(user.id, {}) };
    // Wrong codes from many addresses bring the account past its hourly ceiling…
    for (let i = 0; i < ACCOUNT_SLOW_AFTER; i += 1)
      expect(
        await refusalOf(passSecondFactorWithCode(stranger, "000000", `203.0.113.${i + 1}`)),
      ).toMatchObject({ code: "invalid" });
    // …after which a failing address waits minutes, even with the right code.
    expect(await refusalOf(passSecondFactorWithCode(stranger, "000000", "192.0.2.66"))).toMatchObject({
      code: "invalid",
    });
    const slowed = await refusalOf(
      passSecondFactorWithCode(stranger, totpCode(secret, step + 1), "192.0.2.66"),
    );
    expect(slowed).toMatchObject({ code: "not_allowed", message: expect.stringMatching(/wait 5 minutes/) });
    expect(await stateOf(stranger.sessionId)).toBe("verify");

    const owner = { user, sessionId: await createSession(user.id, {}) };
    expect(await passSecondFactorWithCode(owner, totpCode(secret, step + 1), "198.51.100.7")).toEqual({
      method: "totp",
    });
    expect(await stateOf(owner.sessionId)).toBe("done");

    const notices = await (
      await db()
    ).mailOutbox.findMany({
      where: { recipient: user.email, template: "second-factor-failures" },
    });
    expect(notices.map((n) => n.data)).toEqual([
      { name: "Sam Support", failures: CODE_NOTICE_AFTER_FAILURES },
    ]);
  });

  it("give one address a few free tries on an account, then a wait that grows, and say how long", async () => {
    const { user, secret, step } = await enrolledStaff();
    const delays = [];
    for (let i = 0; i < FREE_CODE_FAILURES_PER_PAIR + 3; i += 1)
      delays.push((await recordSecondFactorFailure(user.id, "192.0.2.10")).delaySeconds);
    expect(delays).toEqual([0, 0, 0, 1, 2, 4]);
    const wait = await secondFactorBlockedFor(user.id, "192.0.2.10");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(4);
    const session = { user, sessionId: await createSession(user.id, {}) };
    expect(
      await refusalOf(passSecondFactorWithCode(session, totpCode(secret, step + 1), "192.0.2.10")),
    ).toMatchObject({
      code: "not_allowed",
      message: expect.stringMatching(/wait [1-4] seconds?/),
    });
    expect(await secondFactorBlockedFor(user.id, "192.0.2.11")).toBe(0);
  });

  it("cap one address over all accounts, without touching other addresses", async () => {
    const users = await Promise.all(Array.from({ length: CODE_ADDRESS_FAILURES }, () => enrolledStaff()));
    for (const { user } of users) await recordSecondFactorFailure(user.id, "192.0.2.30");
    const { user: fresh } = await enrolledStaff();
    expect(await secondFactorBlockedFor(fresh.id, "192.0.2.30")).toBeGreaterThan(14 * 60);
    expect(await secondFactorBlockedFor(fresh.id, "192.0.2.31")).toBe(0);
  });

  it("slow rather than lock: the account-wide wait is bounded and a fresh address is never waiting", () => {
    expect(codeDelaySeconds(1, ACCOUNT_SLOW_AFTER - 1)).toBe(0);
    expect(codeDelaySeconds(1, ACCOUNT_SLOW_AFTER)).toBe(ACCOUNT_SLOW_SECONDS);
    expect(codeDelaySeconds(1, 10_000)).toBeLessThanOrEqual(15 * 60);
    expect(codeDelaySeconds(100, 0)).toBeLessThanOrEqual(5 * 60);
  });
});
