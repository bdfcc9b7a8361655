import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { db } from "@/lib/db";

// Failed sign-ins are counted per account and per client address in the database, so the limit
// holds across app instances and restarts. Successful sign-in clears the account's count.
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
const WINDOW_SECONDS = 15 * 60;

interface Limiters {
  account: RateLimiterPrisma;
  address: RateLimiterPrisma;
}

const globalForLimiters = globalThis as unknown as { __signInLimiters?: Promise<Limiters> };

function limiters(): Promise<Limiters> {
  globalForLimiters.__signInLimiters ??= db().then((prisma) => {
    const common = { storeClient: prisma, tableName: "rateLimiterFlexible", duration: WINDOW_SECONDS };
    return {
      account: new RateLimiterPrisma({
        ...common,
        keyPrefix: "signin-account",
        points: ACCOUNT_FAILURES,
        clearExpiredByTimeout: false,
      }),
      address: new RateLimiterPrisma({
        ...common,
        keyPrefix: "signin-address",
        points: ADDRESS_FAILURES,
        clearExpiredByTimeout: false,
      }),
    };
  });
  return globalForLimiters.__signInLimiters;
}

/** Seconds until another attempt is allowed, or 0 when the account and address may try now. */
export async function signInBlockedFor(email: string, address: string): Promise<number> {
  const { account, address: byAddress } = await limiters();
  const [a, b] = await Promise.all([account.get(email), byAddress.get(address)]);
  const waits = [
    a && a.consumedPoints >= ACCOUNT_FAILURES ? a.msBeforeNext : 0,
    b && b.consumedPoints >= ADDRESS_FAILURES ? b.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...waits) / 1000);
}

export async function recordSignInFailure(email: string, address: string): Promise<void> {
  const { account, address: byAddress } = await limiters();
  // consume() rejects once the limit is passed; the count is stored either way.
  await Promise.allSettled([account.consume(email), byAddress.consume(address)]);
}

export async function clearSignInFailures(email: string): Promise<void> {
  const { account } = await limiters();
  await account.delete(email);
}
