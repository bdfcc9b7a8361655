import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { db } from "@/lib/db";

// Failed sign-ins are counted per account and per client address in the database, so the limit
// holds across app instances and restarts. Successful sign-in clears the account's count.
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
const WINDOW_SECONDS = 15 * 60;
// New accounts per client address and hour: enough for an office behind one address, too few
// for a script (each sign-up also costs an argon2 hash on the server).
export const SIGN_UPS_PER_ADDRESS = 50;
const SIGN_UP_WINDOW_SECONDS = 60 * 60;
// Wrong second-factor codes per account: a six-digit code cannot be guessed at this pace, and the
// wait lapses by itself (only someone who already has the password can spend these tries).
export const SECOND_FACTOR_FAILURES = 5;
const SECOND_FACTOR_WINDOW_SECONDS = 5 * 60;

interface Limiters {
  account: RateLimiterPrisma;
  address: RateLimiterPrisma;
  signUp: RateLimiterPrisma;
  secondFactor: RateLimiterPrisma;
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
      signUp: new RateLimiterPrisma({
        ...common,
        keyPrefix: "signup-address",
        points: SIGN_UPS_PER_ADDRESS,
        duration: SIGN_UP_WINDOW_SECONDS,
        clearExpiredByTimeout: false,
      }),
      secondFactor: new RateLimiterPrisma({
        ...common,
        keyPrefix: "second-factor-user",
        points: SECOND_FACTOR_FAILURES,
        duration: SECOND_FACTOR_WINDOW_SECONDS,
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

/**
 * Counts one sign-up from the address. Returns 0 when it may go ahead, or the seconds until the
 * address may create another account.
 */
export async function consumeSignUp(address: string): Promise<number> {
  const { signUp } = await limiters();
  try {
    await signUp.consume(address);
    return 0;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return Math.ceil((rejection as { msBeforeNext: number }).msBeforeNext / 1000);
  }
}

/** Seconds until the account may try another second-factor code, or 0. */
export async function secondFactorBlockedFor(userId: string): Promise<number> {
  const { secondFactor } = await limiters();
  const state = await secondFactor.get(userId);
  return state && state.consumedPoints >= SECOND_FACTOR_FAILURES ? Math.ceil(state.msBeforeNext / 1000) : 0;
}

export async function recordSecondFactorFailure(userId: string): Promise<void> {
  const { secondFactor } = await limiters();
  await Promise.allSettled([secondFactor.consume(userId)]);
}

export async function clearSecondFactorFailures(userId: string): Promise<void> {
  const { secondFactor } = await limiters();
  await secondFactor.delete(userId);
}
