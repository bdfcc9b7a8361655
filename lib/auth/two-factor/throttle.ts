import "server-only";
import type { RateLimiterPrisma } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { prismaLimiter, UNLIMITED } from "@/lib/auth/throttle";

// Wrong second-factor codes (sign-in's second step) slow the guesser without letting anyone who
// has the password lock the owner out. Who gets this far knows the password, so the owner is
// told, and no count here is a lock of the account:
// - per (account, address) pair, a delay that grows with each failure after the first few;
// - per address, a cap over all accounts (one address working through stolen passwords);
// - per account, a ceiling that slows, not stops: once the account has had ACCOUNT_SLOW_AFTER
//   failures in the hour, every pair that fails waits at least ACCOUNT_SLOW_SECONDS (longer past
//   ACCOUNT_SLOWER_AFTER) before its next try. A pair that has not failed is never waiting, so
//   the owner at another address passes at once, and after a typo waits minutes, not for good.
// Three codes are valid at a time out of 10^6 (one step either side), so a 1% chance takes some
// 3,300 wrong codes; an account gets about 50 an hour, then 4 an hour per address that keeps
// failing: days of guessing from many addresses, while the owner is mailed every hour.
// Counts live in the database, like the password throttle's (lib/auth/throttle.ts).

/** Failures of one pair without any delay. */
export const FREE_CODE_FAILURES_PER_PAIR = 3;
/** The longest delay a pair's own failures cause. */
export const MAX_CODE_PAIR_DELAY_SECONDS = 5 * 60;
const PAIR_WINDOW_SECONDS = 60 * 60;
/** Failures from one address, over all accounts, before it must wait for the window's end. */
export const CODE_ADDRESS_FAILURES = 20;
const ADDRESS_WINDOW_SECONDS = 15 * 60;
/** Account-wide failures in the hour after which every failing pair waits ACCOUNT_SLOW_SECONDS. */
export const ACCOUNT_SLOW_AFTER = 20;
export const ACCOUNT_SLOW_SECONDS = 5 * 60;
/** And past this many, ACCOUNT_SLOWER_SECONDS. */
export const ACCOUNT_SLOWER_AFTER = 50;
export const ACCOUNT_SLOWER_SECONDS = 15 * 60;
const ACCOUNT_WINDOW_SECONDS = 60 * 60;
/** Account-wide failures in the hour at which the owner is mailed (once per window). */
export const CODE_NOTICE_AFTER_FAILURES = 5;

/** Seconds a pair waits after its `pairFailures`-th failure while the account has `accountFailures`. */
export function codeDelaySeconds(pairFailures: number, accountFailures: number): number {
  const own =
    pairFailures <= FREE_CODE_FAILURES_PER_PAIR
      ? 0
      : Math.min(MAX_CODE_PAIR_DELAY_SECONDS, 2 ** (pairFailures - FREE_CODE_FAILURES_PER_PAIR - 1));
  const accountWide =
    accountFailures >= ACCOUNT_SLOWER_AFTER
      ? ACCOUNT_SLOWER_SECONDS
      : accountFailures >= ACCOUNT_SLOW_AFTER
        ? ACCOUNT_SLOW_SECONDS
        : 0;
  return Math.max(own, accountWide);
}

interface Limiters {
  pairFailures: RateLimiterPrisma;
  pairWait: RateLimiterPrisma;
  address: RateLimiterPrisma;
  account: RateLimiterPrisma;
}

const globalForLimiters = globalThis as unknown as { __secondFactorLimiters?: Promise<Limiters> };

function limiters(): Promise<Limiters> {
  globalForLimiters.__secondFactorLimiters ??= db().then((prisma) => ({
    pairFailures: prismaLimiter(prisma, "2fa-pair", UNLIMITED, PAIR_WINDOW_SECONDS),
    // Only ever written with block(): a row means "this pair waits until it expires".
    pairWait: prismaLimiter(prisma, "2fa-pair-wait", 1, 1),
    address: prismaLimiter(prisma, "2fa-address", CODE_ADDRESS_FAILURES, ADDRESS_WINDOW_SECONDS),
    account: prismaLimiter(prisma, "2fa-account", UNLIMITED, ACCOUNT_WINDOW_SECONDS),
  }));
  return globalForLimiters.__secondFactorLimiters;
}

const pairKey = (userId: string, address: string) => `${userId} ${address}`;

/**
 * Seconds until this account's second factor may be tried from this address, or 0 now. Only the
 * pair's own wait and the address's cap count: failures elsewhere never stop a fresh pair.
 */
export async function secondFactorBlockedFor(userId: string, address: string): Promise<number> {
  const { pairWait, address: byAddress } = await limiters();
  const [pair, from] = await Promise.all([pairWait.get(pairKey(userId, address)), byAddress.get(address)]);
  const waits = [
    pair && pair.consumedPoints > 1 ? pair.msBeforeNext : 0,
    from && from.consumedPoints >= CODE_ADDRESS_FAILURES ? from.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...waits) / 1000);
}

export interface CodeFailure {
  /** The seconds this pair must now wait. */
  delaySeconds: number;
  /** The account's failures in its window, this one included. */
  accountFailures: number;
  /** True exactly once per window: the account just reached CODE_NOTICE_AFTER_FAILURES. */
  noticeDue: boolean;
}

/** Counts one wrong second factor of the pair and starts the pair's wait when one is due. */
export async function recordSecondFactorFailure(userId: string, address: string): Promise<CodeFailure> {
  const { pairFailures, pairWait, address: byAddress, account } = await limiters();
  const key = pairKey(userId, address);
  const [pair, total] = await Promise.all([
    pairFailures.consume(key),
    account.consume(userId),
    // consume() rejects once the address is past its cap; the count is stored either way.
    byAddress.consume(address).catch(() => undefined),
  ]);
  const delaySeconds = codeDelaySeconds(pair.consumedPoints, total.consumedPoints);
  if (delaySeconds > 0) await pairWait.block(key, delaySeconds);
  return {
    delaySeconds,
    accountFailures: total.consumedPoints,
    noticeDue: total.consumedPoints === CODE_NOTICE_AFTER_FAILURES,
  };
}

/** A passed second factor ends the pair's delay; the account's count stays (it is for noticing). */
export async function clearSecondFactorFailures(userId: string, address: string): Promise<void> {
  const { pairFailures, pairWait } = await limiters();
  const key = pairKey(userId, address);
  await Promise.all([pairFailures.delete(key), pairWait.delete(key)]);
}
