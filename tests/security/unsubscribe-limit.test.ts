import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/mail/unsubscribe/route";
import { UNSUBSCRIBES_PER_ADDRESS } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { signPreferencesToken } from "@/lib/mail/preferences-token";
import { createUser } from "@/lib/users/data";
import { createTestDatabase, setEnv, type TestDatabase } from "@/tests/support/database";

// The RFC 8058 one-click endpoint takes POSTs without a session: each makes the portal check an
// HMAC and write a row, so one client address may send only so many before it gets 429.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("unsubscribe_limit");
  setEnv({ AUTH_SECRET: "unsubscribe-limit-secret-0123456789abc" });
});
afterAll(async () => database?.drop());
beforeEach(async () => {
  await database.reset();
  await (await db()).rateLimiterFlexible.deleteMany({});
});

const oneClick = (token: string, address: string, kind = "order-updates") =>
  POST(
    new Request(`http://portal.test/api/mail/unsubscribe?token=${encodeURIComponent(token)}&kind=${kind}`, {
      method: "POST",
      headers: {
        "x-forwarded-for": address,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "List-Unsubscribe=One-Click",
    }),
  );

describe("one-click unsubscribe", () => {
  it("answers 429 with Retry-After once an address has sent its share, and changes nothing then", async () => {
    const user = await createUser({
      email: "reader@example.com",
      name: "Reader",
      password: "a long enough password",
      role: "CUSTOMER",
    });
    const token = signPreferencesToken(user.id);
    const statuses: number[] = [];
    for (let i = 0; i < UNSUBSCRIBES_PER_ADDRESS; i += 1)
      statuses.push((await oneClick(`forged.${i}.x`, "192.0.2.50")).status);
    expect(new Set(statuses)).toEqual(new Set([400]));

    const limited = await oneClick(token, "192.0.2.50");
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10 * 60);
    const prisma = await db();
    expect(await prisma.mailPreference.count()).toBe(0);

    // Another address (another mail provider) is not held up.
    const other = await oneClick(token, "198.51.100.60");
    expect(other.status).toBe(200);
    expect(await prisma.mailPreference.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({
      optedOut: ["order-updates"],
    });
  });
});
