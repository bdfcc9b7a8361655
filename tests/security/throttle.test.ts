import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/address";
import {
  ACCOUNT_FAILURES,
  consumeSignUp,
  recordSignInFailure,
  signInBlockedFor,
  SIGN_UPS_PER_ADDRESS,
} from "@/lib/auth/throttle";
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
    const waits: number[] = [];
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS + 2; i++) waits.push(await consumeSignUp("203.0.113.7"));
    expect(waits.slice(0, SIGN_UPS_PER_ADDRESS).every((w) => w === 0)).toBe(true);
    const refused = waits.slice(SIGN_UPS_PER_ADDRESS);
    for (const wait of refused) {
      expect(wait).toBeGreaterThan(59 * 60);
      expect(wait).toBeLessThanOrEqual(60 * 60);
    }
    // Another address is not affected.
    expect(await consumeSignUp("203.0.113.8")).toBe(0);
  });
});

describe("sign-in throttling", () => {
  it("blocks an account after its failures, from any address, and not other accounts", async () => {
    for (let i = 0; i < ACCOUNT_FAILURES; i++) {
      expect(await signInBlockedFor("victim@example.com", `192.0.2.${i}`)).toBe(0);
      await recordSignInFailure("victim@example.com", `192.0.2.${i}`);
    }
    const wait = await signInBlockedFor("victim@example.com", "192.0.2.200");
    expect(wait).toBeGreaterThan(14 * 60);
    expect(await signInBlockedFor("someone-else@example.com", "192.0.2.200")).toBe(0);
  });
});
