import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { openDatabase, type DatabaseHandle, type DbKind } from "@/lib/db/open";

export type { DbKind } from "@/lib/db/open";

// One database handle per process, shared through globalThis so that Next's separately bundled
// route modules and the instrumentation hook use the same connection pool / embedded instance.
const globalForDb = globalThis as unknown as { __portalDb?: Promise<DatabaseHandle> };

function handle(): Promise<DatabaseHandle> {
  if (!globalForDb.__portalDb) {
    const config = env();
    globalForDb.__portalDb = openDatabase(
      config.DATABASE_URL
        ? { kind: "postgres", url: config.DATABASE_URL }
        : { kind: "pglite", dir: config.PGLITE_DIR },
    ).catch((error: unknown) => {
      globalForDb.__portalDb = undefined;
      throw error;
    });
  }
  return globalForDb.__portalDb;
}

/** The Prisma client, opened and migrated on first use. Only data-access modules call this. */
export async function db(): Promise<PrismaClient> {
  return (await handle()).prisma;
}

/** The process-wide handle itself, for code that needs the raw connection (the job queue). */
export async function dbHandle(): Promise<DatabaseHandle> {
  return handle();
}

/** Which database this process runs on. */
export function configuredDbKind(): DbKind {
  return env().DATABASE_URL ? "postgres" : "pglite";
}

/** Closes the process-wide handle (scripts and tests). */
export async function closeDb(): Promise<void> {
  const pending = globalForDb.__portalDb;
  globalForDb.__portalDb = undefined;
  if (pending) await (await pending).close();
}
