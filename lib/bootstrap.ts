import "server-only";
import { configuredDbKind, db } from "@/lib/db";
import { logger } from "@/lib/log";
import { seedDemoAccounts } from "@/lib/users/demo";

/** Server start-up: database ready and migrated, demo accounts present in demo mode. */
export async function bootstrap(): Promise<void> {
  await db();
  const created = await seedDemoAccounts();
  logger.info({ database: configuredDbKind(), demoAccountsCreated: created.length }, "portal ready");
}
