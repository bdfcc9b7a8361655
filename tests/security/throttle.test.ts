import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/address";
import {
  ADDRESS_FAILURES,
  consumeSignUp,
  FREE_FAILURES_PER_PAIR,
  MAX_PAIR_DELAY_SECONDS,
  NOTICE_AFTER_FAILURES,
  pairDelaySeconds,
  recordSignInFailure,
  signInBlockedFor,
  signUpsPerAddress,
} from "@/lib/auth/throttle";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { createUser } from "@/lib/users/data";
import { createTestDatabase, type TestDatabase } from "../support/order-history";

// The limits are stored in the database (rate-limiter-flexible's Prisma store), so they hold
// across restarts and app instances; these tests run them against a real PostgreSQL database.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("throttle");
});
afterAll(async () => {
  await database.drop();
});

describe("the client address limits are counted against", () => {
  it("is the entry the portal's reverse proxy appended, not one the client wrote", () => {
    const forwarded = (value: string) => clientAddress(new Headers({ "x-forwarded-for": value }));
    expect(forwarded("198.51.100.9")).toBe("198.51.100.9");
    expect(forwarded("1.2.3.4, 10.9.8.7, 198.51.100.9")).toBe("198.51.100.9");
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.10" }))).toBe("198.51.100.10");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});

describe("sign-up throttling", () => {
  it("lets an address create the allowed number of accounts, then asks it to wait", async () => {
    const allowed = signUpsPerAddress();
    expect(allowed).toBe(50); // the default
    const waits: number[] = [];
    for (let i = 0; i < allowed + 2; i++) waits.push(await consumeSignUp("203.0.113.7"));
    expect(waits.slice(0, allowed).every((w) => w === 0)).toBe(true);
    const refused = waits.slice(allowed);
    for (const wait of refused) {
      expect(wait).toBeGreaterThan(59 * 60);
      expect(wait).toBeLessThanOrEqual(60 * 60);
    }
    // Another address is not affected.
    expect(await consumeSignUp("203.0.113.8")).toBe(0);
  });
});

describe("sign-in throttling without lock-out", () => {
  const password = "owner's own passphrase 7";
  const owner = () =>
    createUser({ email: `owner-${Math.random()}@example.com`, name: "Owner", password, role: "CUSTOMER" });

  it("delays a pair progressively: none for the first few failures, then 1 s doubling to 60 s", () => {
    const delays = Array.from({ length: 12 }, (_, i) => pairDelaySeconds(i + 1));
    expect(delays).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(FREE_FAILURES_PER_PAIR).toBe(3);
    expect(MAX_PAIR_DELAY_SECONDS).toBe(60);
  });

  it("30 failures from a stranger's address do not stop the owner signing in from theirs", async () => {
    const user = await owner();
    const stranger = "198.51.100.66";
    const waits: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      await recordSignInFailure(user.email, stranger);
      waits.push(await signInBlockedFor(user.email, stranger));
    }
    // The stranger's pair waits longer and longer, up to the cap; its address is capped too.
    expect(waits.slice(0, FREE_FAILURES_PER_PAIR)).toEqual([0, 0, 0]);
    for (let i = FREE_FAILURES_PER_PAIR + 1; i < 10; i += 1) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(MAX_PAIR_DELAY_SECONDS);
    expect(await attemptSignIn({ email: user.email, password, address: stranger })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    // The owner, from their own address, is in at once, with a session row.
    const signedIn = await attemptSignIn({ email: user.email, password, address: "203.0.113.20" });
    expect(signedIn).toMatchObject({ ok: true, user: { id: user.id } });
    const prisma = await db();
    expect(await prisma.userSession.count({ where: { userId: user.id, address: "203.0.113.20" } })).toBe(1);
  });

  it("refuses a delayed pair even with the right password until its wait is over", async () => {
    const user = await owner();
    const address = "198.51.100.70";
    for (let i = 0; i < FREE_FAILURES_PER_PAIR; i += 1) {
      expect(await attemptSignIn({ email: user.email, password: "wrong guess", address })).toEqual({
        ok: false,
        reason: "credentials",
      });
    }
    expect(await signInBlockedFor(user.email, address)).toBe(0);
    await attemptSignIn({ email: user.email, password: "wrong guess", address });
    const refused = await attemptSignIn({ email: user.email, password, address });
    expect(refused).toEqual({ ok: false, reason: "throttled", waitSeconds: 1 });
    // After the wait the right password works, and success clears the pair's count.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await attemptSignIn({ email: user.email, password, address })).toMatchObject({ ok: true });
    await attemptSignIn({ email: user.email, password: "wrong again", address });
    expect(await signInBlockedFor(user.email, address)).toBe(0);
  });

  it("caps one address trying many accounts, whether or not they exist, and only that address", async () => {
    const user = await owner();
    const sprayer = "198.51.100.99";
    for (let i = 0; i < ADDRESS_FAILURES; i += 1) {
      expect(await signInBlockedFor(`target-${i}@example.com`, sprayer)).toBe(0);
      await recordSignInFailure(`target-${i}@example.com`, sprayer);
    }
    // Each account was tried once (no pair delay), but the address is now capped for every account.
    const wait = await signInBlockedFor(user.email, sprayer);
    expect(wait).toBeGreaterThan(14 * 60);
    expect(await attemptSignIn({ email: user.email, password, address: sprayer })).toMatchObject({
      reason: "throttled",
    });
    expect(await attemptSignIn({ email: user.email, password, address: "203.0.113.21" })).toMatchObject({
      ok: true,
    });
  });

  it("says once per window that an account reached the failures worth a notice", async () => {
    const user = await owner();
    const due: boolean[] = [];
    for (let i = 0; i < NOTICE_AFTER_FAILURES + 5; i += 1) {
      due.push((await recordSignInFailure(user.email, `192.0.2.${i}`)).noticeDue);
    }
    expect(due.filter(Boolean)).toHaveLength(1);
    expect(due.indexOf(true)).toBe(NOTICE_AFTER_FAILURES - 1);
  });

  it("mails the owner one notice of repeated failures, and nothing for an unknown address", async () => {
    const user = await owner();
    for (let i = 0; i < NOTICE_AFTER_FAILURES * 2; i += 1) {
      await attemptSignIn({ email: user.email, password: `guess ${i}`, address: `192.0.2.${100 + i}` });
      await attemptSignIn({
        email: "nobody-here@example.com",
        password: `guess ${i}`,
        address: `192.0.2.${100 + i}`,
      });
    }
    const prisma = await db();
    const mails = await prisma.mailOutbox.findMany({
      select: { recipient: true, template: true, data: true },
    });
    expect(mails).toEqual([
      {
        recipient: user.email,
        template: "sign-in-failures",
        data: { name: "Owner", failures: NOTICE_AFTER_FAILURES },
      },
    ]);
  });
});
