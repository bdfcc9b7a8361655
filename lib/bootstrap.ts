import "server-only";
import { configuredDbKind, db } from "@/lib/db";
import { env } from "@/lib/env";
import { startJobRunner } from "@/lib/jobs/runner";
import { logger } from "@/lib/log";
import { recoverInterruptedSubmissions } from "@/lib/orders/recovery";
import { seedDemoAccounts } from "@/lib/users/demo";

/**
 * Server start-up: database ready and migrated, demo accounts present in demo mode, orders a
 * crashed process left mid-submission recovered, and the job worker (automatic retries) running.
 */
export async function bootstrap(): Promise<void> {
  const prisma = await db();
  const created = await seedDemoAccounts();
  const recovered = await recoverInterruptedSubmissions(prisma);
  if (env().JOBS_ENABLED) await startJobRunner();
  logger.info(
    {
      database: configuredDbKind(),
      demoAccountsCreated: created.length,
      submissionsRecovered: recovered.length,
      jobs: env().JOBS_ENABLED,
    },
    "portal ready",
  );
}
