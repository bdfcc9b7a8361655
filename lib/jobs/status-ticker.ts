import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import {
  claimDueChecks,
  runCheck,
  type CheckOutcome,
  type StatusSource,
  type TrackingSettings,
} from "@/lib/orders/lifecycle/track";

// Each instance looks for orders due a status check every few seconds and checks those it
// claimed, a few side by side. Which orders, and how many per minute, is decided in the database
// (claimDueChecks), so any number of instances together keep to the budget and never check one
// order twice at once.

/** Checks in flight at once per instance. */
const PARALLEL_CHECKS = 4;

export interface StatusTicker {
  /** Looks for due orders now (after a push or "Refresh now" made one due). */
  wake(): void;
  /** One pass: claim due orders and check them; resolves when all are done. */
  tick(): Promise<CheckOutcome[]>;
  stop(): Promise<void>;
}

export function startStatusTicker(
  prisma: PrismaClient,
  source: () => StatusSource,
  settings: TrackingSettings,
  tickSeconds: number,
): StatusTicker {
  let current: Promise<CheckOutcome[]> | null = null;
  let again = false;
  let stopped = false;

  const pass = async (): Promise<CheckOutcome[]> => {
    const leases = await claimDueChecks(prisma, settings);
    const outcomes: CheckOutcome[] = [];
    const queue = [...leases];
    const worker = async () => {
      for (let lease = queue.shift(); lease; lease = queue.shift()) {
        try {
          outcomes.push(await runCheck(prisma, source(), lease, settings));
        } catch (error) {
          // The lease runs out by itself; the order is checked again then.
          logger.error({ orderId: lease.orderId, err: String(error) }, "order status check crashed");
          outcomes.push({ kind: "failed", message: String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CHECKS, leases.length) }, worker));
    return outcomes;
  };

  const tick = (): Promise<CheckOutcome[]> => {
    if (current) {
      again = true;
      return current;
    }
    current = pass()
      .catch((error: unknown) => {
        logger.warn({ err: String(error) }, "status check pass failed; next tick retries");
        return [] as CheckOutcome[];
      })
      .finally(() => {
        current = null;
        if (again && !stopped) {
          again = false;
          void tick();
        }
      });
    return current;
  };

  const timer = setInterval(() => void tick(), Math.max(200, tickSeconds * 1000));
  timer.unref();
  return {
    wake: () => void tick(),
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
