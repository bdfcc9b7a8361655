import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// Failed sign-ins slow the attacker without letting anyone lock another person out:
// - per (account, address) pair, a delay that grows with each failure after the first few, so
//   guessing from one address gets slow while the owner elsewhere is never stopped;
// - per address, a cap on failures across all accounts (one address trying many accounts);
// - per account, only a count, never a lock: after NOTICE_AFTER_FAILURES in an hour the owner is
//   told by e-mail (their password held; a second factor helps).
// Counts live in the database (rate-limiter-flexible's Prisma store), so they hold across app
// instances and restarts. Keys use the account's e-mail whether or not it exists, so the
// throttle behaves the same for unknown addresses and tells nothing about who has an account.

/** Failures of one pair without any delay. */
export const FREE_FAILURES_PER_PAIR = 3;
/** The longest delay between two attempts of one pair. */
export const MAX_PAIR_DELAY_SECONDS = 60;
const PAIR_WINDOW_SECONDS = 60 * 60;
/** Failures from one address, over all accounts, before it must wait for the window's end. */
export const ADDRESS_FAILURES = 30;
const ADDRESS_WINDOW_SECONDS = 15 * 60;
/** Failures on one account, from anywhere, after which its owner gets one notice per window. */
export const NOTICE_AFTER_FAILURES = 10;
const NOTICE_WINDOW_SECONDS = 60 * 60;
/**
 * New accounts per client address and hour (SIGN_UPS_PER_ADDRESS_PER_HOUR, default 50): enough for
 * an office behind one address, too few for a script (each sign-up also costs an argon2 hash).
 */
export function signUpsPerAddress(): number {
  return env().SIGN_UPS_PER_ADDRESS_PER_HOUR;
}
const SIGN_UP_WINDOW_SECONDS = 60 * 60;
// Wrong passwords when a signed-in user re-authenticates (adding or removing a factor): per
// account, since only a fully signed-in session, the owner's, can spend these tries. Wrong codes
// at sign-in's second step are throttled per pair and address instead (two-factor/throttle.ts).
export const REAUTH_FAILURES = 5;
const REAUTH_WINDOW_SECONDS = 5 * 60;

// Mails sent on request (verification again, password reset): per account and purpose, and per
// address, so nobody can flood someone's inbox through the portal.
export const ACCOUNT_MAILS_PER_HOUR = 3;
export const ADDRESS_MAIL_REQUESTS_PER_HOUR = 20;
// A count with no limit of its own: the decisions are taken from the count.
export const UNLIMITED = 1_000_000;
// One-click unsubscribes (app/api/mail/unsubscribe) per client address. Mail providers POST them
// from their own servers, so one address speaks for many recipients: generous, but a script
// cannot make the portal verify tokens and write preferences without end.
export const UNSUBSCRIBES_PER_ADDRESS = 60;
const UNSUBSCRIBE_WINDOW_SECONDS = 10 * 60;

/** Seconds the pair must wait after its `failures`-th failure: 0, 0, 0, 1, 2, 4, … 60. */
export function pairDelaySeconds(failures: number): number {
  if (failures <= FREE_FAILURES_PER_PAIR) return 0;
  return Math.min(MAX_PAIR_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES_PER_PAIR - 1));
}

interface Limiters {
  pairFailures: RateLimiterPrisma;
  pairWait: RateLimiterPrisma;
  address: RateLimiterPrisma;
  accountFailures: RateLimiterPrisma;
  signUp: RateLimiterPrisma;
  reauth: RateLimiterPrisma;
  unsubscribe: RateLimiterPrisma;
  mailAccount: RateLimiterPrisma;
  mailAddress: RateLimiterPrisma;
}

const globalForLimiters = globalThis as unknown as { __signInLimiters?: Promise<Limiters> };

/** A limiter whose counts live in the RateLimiterFlexible table (shared by instances, kept on restart). */
export function prismaLimiter(
  prisma: PrismaClient,
  keyPrefix: string,
  points: number,
  duration: number,
): RateLimiterPrisma {
  return new RateLimiterPrisma({
    storeClient: prisma,
    tableName: "rateLimiterFlexible",
    keyPrefix,
    points,
    duration,
    clearExpiredByTimeout: false,
  });
}

function limiters(): Promise<Limiters> {
  globalForLimiters.__signInLimiters ??= db().then((prisma) => {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      prismaLimiter(prisma, keyPrefix, points, duration);
    return {
      pairFailures: limiter("signin-pair", UNLIMITED, PAIR_WINDOW_SECONDS),
      // Only ever written with block(): a row means "this pair waits until it expires".
      pairWait: limiter("signin-pair-wait", 1, 1),
      address: limiter("signin-address", ADDRESS_FAILURES, ADDRESS_WINDOW_SECONDS),
      accountFailures: limiter("signin-account", UNLIMITED, NOTICE_WINDOW_SECONDS),
      signUp: limiter("signup-address", signUpsPerAddress(), SIGN_UP_WINDOW_SECONDS),
      mailAccount: limiter("mail-account", ACCOUNT_MAILS_PER_HOUR, 60 * 60),
      mailAddress: limiter("mail-address", ADDRESS_MAIL_REQUESTS_PER_HOUR, 60 * 60),
      reauth: limiter("reauth-user", REAUTH_FAILURES, REAUTH_WINDOW_SECONDS),
      unsubscribe: limiter("unsubscribe-address", UNSUBSCRIBES_PER_ADDRESS, UNSUBSCRIBE_WINDOW_SECONDS),
    };
  });
  return globalForLimiters.__signInLimiters;
}

const pairKey = (email: string, address: string) => `${email} ${address}`;

/**
 * Seconds until this account may be tried from this address, or 0 now. Only the pair's own
 * failures and the address's failures count: failures from elsewhere never delay the owner.
 */
export async function signInBlockedFor(email: string, address: string): Promise<number> {
  const { pairWait, address: byAddress } = await limiters();
  const [pair, from] = await Promise.all([pairWait.get(pairKey(email, address)), byAddress.get(address)]);
  const waits = [
    pair && pair.consumedPoints > 1 ? pair.msBeforeNext : 0,
    from && from.consumedPoints >= ADDRESS_FAILURES ? from.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...waits) / 1000);
}

export interface FailureCounts {
  /** This pair's failures in its window, this one included. */
  pairFailures: number;
  /** The seconds this pair must now wait. */
  delaySeconds: number;
  /** True exactly once per window: the account just reached NOTICE_AFTER_FAILURES. */
  noticeDue: boolean;
}

/** Counts one failed sign-in of the pair and starts the pair's delay when it is due. */
export async function recordSignInFailure(email: string, address: string): Promise<FailureCounts> {
  const { pairFailures, pairWait, address: byAddress, accountFailures } = await limiters();
  const key = pairKey(email, address);
  const [pair, account] = await Promise.all([
    pairFailures.consume(key),
    accountFailures.consume(email),
    // consume() rejects once the address is past its cap; the count is stored either way.
    byAddress.consume(address).catch(() => undefined),
  ]);
  const delaySeconds = pairDelaySeconds(pair.consumedPoints);
  if (delaySeconds > 0) await pairWait.block(key, delaySeconds);
  return {
    pairFailures: pair.consumedPoints,
    delaySeconds,
    noticeDue: account.consumedPoints === NOTICE_AFTER_FAILURES,
  };
}

/** A successful sign-in ends the pair's delay; the account's count stays (it is for noticing). */
export async function clearSignInFailures(email: string, address: string): Promise<void> {
  const { pairFailures, pairWait } = await limiters();
  const key = pairKey(email, address);
  await Promise.all([pairFailures.delete(key), pairWait.delete(key)]);
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

/** Seconds until the signed-in user may try their password again to change a factor, or 0. */
export async function reauthBlockedFor(userId: string): Promise<number> {
  const { reauth } = await limiters();
  const state = await reauth.get(userId);
  return state && state.consumedPoints >= REAUTH_FAILURES ? Math.ceil(state.msBeforeNext / 1000) : 0;
}

export async function recordReauthFailure(userId: string): Promise<void> {
  const { reauth } = await limiters();
  await Promise.allSettled([reauth.consume(userId)]);
}

/** Counts one one-click unsubscribe from the address: 0 when it may go ahead, else seconds to wait. */
export async function consumeUnsubscribe(address: string): Promise<number> {
  const { unsubscribe } = await limiters();
  try {
    await unsubscribe.consume(address);
    return 0;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return Math.ceil((rejection as { msBeforeNext: number }).msBeforeNext / 1000);
  }
}

/**
 * Counts one request for an account mail (`purpose` to `email`, asked from `address`). Returns 0
 * when the mail may go, else the seconds to wait. Counted whether or not the account exists.
 */
export async function consumeMailRequest(purpose: string, email: string, address: string): Promise<number> {
  const { mailAccount, mailAddress } = await limiters();
  const results = await Promise.allSettled([
    mailAddress.consume(address),
    mailAccount.consume(`${purpose} ${email}`),
  ]);
  let waitMs = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (result.reason instanceof Error) throw result.reason;
    waitMs = Math.max(waitMs, (result.reason as { msBeforeNext: number }).msBeforeNext);
  }
  return Math.ceil(waitMs / 1000);
}
