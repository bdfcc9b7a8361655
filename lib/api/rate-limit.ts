import "server-only";
import type { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { prismaLimiter } from "@/lib/auth/throttle";

// Per-key limits counted in the RateLimiterFlexible table, so they hold across instances and
// restarts. The answer carries the IETF RateLimit-Policy and RateLimit header fields
// (draft-ietf-httpapi-ratelimit-headers: a named policy with quota q and window w; the remaining
// r and the seconds t until it resets).

const WINDOW_SECONDS = 60;
const POLICY = "per-key";

const global = globalThis as unknown as {
  __apiLimiter?: Promise<{ limiter: RateLimiterPrisma; points: number }>;
};

function limiter() {
  global.__apiLimiter ??= db().then((prisma) => {
    const points = env().API_REQUESTS_PER_MINUTE;
    return { limiter: prismaLimiter(prisma, "api-key", points, WINDOW_SECONDS), points };
  });
  return global.__apiLimiter;
}

/** Forgets the limiter (its quota is read from the environment once): for tests. */
export function resetApiLimiter() {
  global.__apiLimiter = undefined;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

function headersFor(points: number, res: RateLimiterRes): Record<string, string> {
  const reset = Math.max(0, Math.ceil(res.msBeforeNext / 1000));
  return {
    "ratelimit-policy": `"${POLICY}";q=${points};w=${WINDOW_SECONDS}`,
    ratelimit: `"${POLICY}";r=${Math.max(0, res.remainingPoints)};t=${reset}`,
  };
}

/** Counts one call of the key; a refused call says when to retry (Retry-After, RFC 9110). */
export async function consumeApiCall(keyId: string): Promise<RateDecision> {
  const { limiter: l, points } = await limiter();
  try {
    const res = await l.consume(keyId, 1);
    return { allowed: true, headers: headersFor(points, res) };
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    const res = rejection as RateLimiterRes;
    return {
      allowed: false,
      headers: {
        ...headersFor(points, res),
        "retry-after": String(Math.max(1, Math.ceil(res.msBeforeNext / 1000))),
      },
    };
  }
}
