import path from "node:path";
import { mkdir } from "node:fs/promises";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "@/lib/db/pglite-extensions";
import { DataDirLocked, lockDataDir } from "@/lib/db/pglite-lock";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations, pgExecutor, pgliteExecutor } from "@/lib/db/migrate";
import { preparedStatementName } from "@/lib/db/prepared";
import { logger } from "@/lib/log";

/** Connections per process to a PostgreSQL server. */
const POOL_SIZE = 10;

export type DbKind = "postgres" | "pglite";
export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

export interface DatabaseHandle {
  kind: DbKind;
  prisma: PrismaClient;
  /** The embedded instance, when kind is "pglite" (health checks, tests). */
  pglite?: PGlite;
  /** Connections of the server pool now (kind "postgres"; the embedded database has none). */
  poolStats?: () => { size: number; max: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export class DatabaseInUseError extends Error {
  constructor(dir: string, ownerPid: number | null = null) {
    super(
      `The embedded database in ${dir} is already open in ${ownerPid ? `process ${ownerPid}` : "another process"} ` +
        "(a running portal?). Stop that process first, or set DATABASE_URL to use a PostgreSQL server.",
    );
    this.name = "DatabaseInUseError";
  }
}

/** Opens a database, applies committed migrations, and returns a Prisma client on it. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === "postgres" ? openPostgres(target.url) : openPglite(target.dir);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  // Migrations run on one dedicated connection: the advisory lock they take is per session.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { applied } = await applyMigrations(pgExecutor(client), {
      kind: "postgres",
      log: (m) => logger.info(m),
    });
    if (applied.length) logger.info({ applied }, "applied database migrations");
  } finally {
    await client.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection (database restarted) must not crash the process.
  pool.on("error", (error) => logger.warn({ err: error.message }, "idle database connection failed"));
  // The lifecycle's marked statements are prepared once per connection (lib/db/prepared.ts); the
  // adapter passes the name on to pg, which leaves a statement unnamed when it is undefined.
  const statementNameGenerator = ((query: { sql: string }) => preparedStatementName(query.sql)) as (query: {
    sql: string;
  }) => string;
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator }) });
  return {
    kind: "postgres",
    prisma,
    poolStats: () => ({
      size: pool.totalCount,
      max: POOL_SIZE,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const absolute = path.resolve(dir);
  await mkdir(path.dirname(absolute), { recursive: true });
  await mkdir(absolute, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockDataDir(absolute);
  } catch (error) {
    if (error instanceof DataDirLocked) throw new DatabaseInUseError(dir, error.ownerPid);
    throw error;
  }
  let pglite: PGlite | undefined;
  try {
    // pg_trgm backs the order search indexes; PGlite only offers extensions registered here.
    pglite = new PGlite(absolute, { extensions: PGLITE_EXTENSIONS });
    await pglite.waitReady;
    const { applied } = await applyMigrations(pgliteExecutor(pglite), {
      kind: "pglite",
      log: (m) => logger.info(m),
    });
    if (applied.length) logger.info({ applied }, "applied database migrations");
    // PGlite learns the array types (to send a parameter like "OrgRole"[] as an array literal,
    // not as "OWNER,VIEWER") when it starts, before the migrations created them: once more now.
    await pglite.refreshArrayTypes();
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    await release().catch(() => undefined);
    throw error;
  }
  const instance = pglite;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(instance) });
  return {
    kind: "pglite",
    prisma,
    pglite: instance,
    async close() {
      await prisma.$disconnect();
      await instance.close().catch(() => undefined);
      await release().catch(() => undefined);
    },
  };
}
