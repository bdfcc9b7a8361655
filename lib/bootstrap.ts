import "server-only";
import { configuredDbKind, db } from "@/lib/db";
import { env } from "@/lib/env";
import { startJobRunner } from "@/lib/jobs/runner";
import { setStartupStatus, startupStatus } from "@/lib/health";
import { logger } from "@/lib/log";
import { startSectigoCallLog } from "@/lib/observability/sectigo-call-log";
import { startDemoMailCatcher } from "@/lib/mail/demo";
import { replayJournal } from "@/lib/orders/lifecycle/journal";
import { recoverInterruptedSubmissions } from "@/lib/orders/lifecycle/recovery";
import { isDemoMode, seedDemoAccounts } from "@/lib/users/demo";
import { seedDemoPrices } from "@/lib/prices/demo";

export { startupStatus };

const RETRY_MAX_DELAY_MS = 10_000;

// One start-up per process, shared through globalThis: Next bundles instrumentation.ts apart
// from the route modules.
const globalForStartup = globalThis as unknown as { __portalStartup?: Promise<void> };

/**
 * The server's start-up as instrumentation.ts runs it: one bootstrap, and when it fails (the
 * embedded database still held, the database server not up yet) a clear message and another
 * try after a growing delay, until it succeeds. Resolves after the first try either way and
 * never rejects: Next.js would remember a rejected register() and answer 500 to every request
 * for good. Until a try succeeds the health check says unavailable, with the reason.
 */
export function startPortal(): Promise<void> {
  globalForStartup.__portalStartup ??= (async () => {
    setStartupStatus({ phase: "starting" });
    let failures = 0;
    const attempt = async (): Promise<void> => {
      try {
        await bootstrap();
        setStartupStatus({ phase: "ready" });
      } catch (error) {
        failures += 1;
        const retryInMs = Math.min(500 * 2 ** (failures - 1), RETRY_MAX_DELAY_MS);
        const message = error instanceof Error ? error.message : String(error);
        setStartupStatus({ phase: "waiting", error: message });
        logger.error({ err: message, attempt: failures, retryInMs }, "start-up failed; trying again");
        setTimeout(() => void attempt(), retryInMs);
      }
    };
    await attempt();
  })();
  return globalForStartup.__portalStartup;
}

/**
 * Server start-up: database ready and migrated, demo accounts present in demo mode, orders a
 * crashed process left mid-submission recovered, and the job worker (automatic retries) running.
 */
export async function bootstrap(): Promise<void> {
  const prisma = await db();
  const created = await seedDemoAccounts();
  if (isDemoMode()) await seedDemoPrices();
  // Answers journalled before a crash first: recovery would otherwise mark those orders unknown.
  const replayed = await replayJournal(prisma);
  const recovered = await recoverInterruptedSubmissions(prisma);
  const catcher = await startDemoMailCatcher();
  startSectigoCallLog();
  if (env().JOBS_ENABLED) await startJobRunner();
  logger.info(
    {
      database: configuredDbKind(),
      demoAccountsCreated: created.length,
      journalReplayed: replayed.applied,
      submissionsRecovered: recovered.length,
      jobs: env().JOBS_ENABLED,
      mail: catcher ? "demo catcher" : "SMTP_URL",
    },
    "portal ready",
  );
}
