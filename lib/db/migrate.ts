import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { ClientBase } from "pg";

// Applies the committed Prisma migrations at start-up without the Prisma CLI, and records them
// in Prisma's own `_prisma_migrations` table exactly as `prisma migrate deploy` does, so that
// the CLI (`migrate status`, `deploy`, `dev`) treats them as applied.

/** One dedicated database connection (an advisory lock is held on it for the whole run). */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
}

export interface MigrationFile {
  /** Directory name, e.g. `20261127210102_init`. */
  name: string;
  sql: string;
}

export interface ApplyOptions {
  kind: "postgres" | "pglite";
  log?: (msg: string) => void;
}

/** An applied migration's file was changed, or a previous attempt failed half-way. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

// A static base path: Turbopack warns about (and may bundle) fs calls on computed paths.
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// The key `prisma migrate deploy` locks, so the CLI and starting app instances wait for each other.
const ADVISORY_LOCK_KEY = 72707369;

// The DDL the schema engine uses for PostgreSQL, so the CLI finds the table it expects.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
}

/** sha256 hex of the file's text, as Prisma computes it. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

// Like Prisma, a checkout that only changed line endings (git autocrlf) is not an edit.
function matchesChecksum(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replace(/\r\n/g, "\n"), sql.replace(/\r?\n/g, "\r\n")];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

/** The committed migrations (prisma/migrations/<name>/migration.sql), in name order. */
export async function readMigrations(): Promise<MigrationFile[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT")
        throw new Error(`No migrations directory at ${MIGRATIONS_DIR}: it must ship with the app.`);
      throw error;
    },
  );
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => ({
      name,
      sql: await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"),
    })),
  );
}

/** Applies the committed migrations that the database has not recorded yet. */
export async function applyMigrations(
  db: SqlExecutor,
  opts: ApplyOptions = { kind: "postgres" },
): Promise<{ applied: string[] }> {
  return applyMigrationFiles(db, await readMigrations(), opts);
}

/** Applies `migrations` (already loaded, in order); each in its own transaction. */
export async function applyMigrationFiles(
  db: SqlExecutor,
  migrations: MigrationFile[],
  { kind, log = () => undefined }: ApplyOptions = { kind: "postgres" },
): Promise<{ applied: string[] }> {
  const run = async () => {
    await db.exec(CREATE_MIGRATIONS_TABLE);
    const recorded = await appliedMigrations(db);
    const applied: string[] = [];
    for (const migration of migrations) {
      const row = recorded.get(migration.name);
      if (row) {
        verifyUnchanged(migration, row);
        continue;
      }
      log(`applying migration ${migration.name}`);
      await applyOne(db, migration);
      applied.push(migration.name);
    }
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...recorded.keys()].filter((name) => !known.has(name));
    // A newer release may have migrated this database; an older one can still run on it.
    if (unknown.length) log(`database has migrations this release does not know: ${unknown.join(", ")}`);
    return { applied };
  };
  return kind === "postgres" ? withSchemaLock(db, run, log) : run();
}

/**
 * Runs `fn` holding the advisory lock that `prisma migrate deploy` takes, on `db`'s session: every
 * schema change at start-up (migrations, the job queue's tables and queues) happens in one
 * instance at a time, so instances starting together never deadlock on each other's DDL.
 */
export async function withSchemaLock<T>(
  db: SqlExecutor,
  fn: () => Promise<T>,
  log: (msg: string) => void = () => undefined,
): Promise<T> {
  const { rows } = await db.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
    ADVISORY_LOCK_KEY,
  ]);
  if (!rows[0]?.locked) {
    log("waiting for another process that is changing the database schema");
    await db.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
  }
  try {
    return await fn();
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
  }
}

/** Successful, not rolled-back records by name; a failed attempt stops everything, as in Prisma. */
async function appliedMigrations(db: SqlExecutor): Promise<Map<string, AppliedRow>> {
  const { rows } = await db.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
  const failed = rows.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and is recorded as unfinished. Repair the database, then run ` +
        `\`npm run prisma -- migrate resolve --rolled-back ${failed.migration_name}\` (or --applied) before starting again.`,
      failed.migration_name,
    );
  }
  return new Map(rows.map((row) => [row.migration_name, row]));
}

function verifyUnchanged(migration: MigrationFile, row: AppliedRow): void {
  if (matchesChecksum(migration.sql, row.checksum)) return;
  throw new MigrationError(
    `Migration ${migration.name} was modified after it was applied (checksum ${migrationChecksum(migration.sql)}, ` +
      `recorded ${row.checksum}). Restore the committed file and put the change in a new migration.`,
    migration.name,
  );
}

async function applyOne(db: SqlExecutor, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await db.exec("BEGIN");
  try {
    const { rows } = await db.query<{ now: Date }>("SELECT clock_timestamp() AS now");
    await db.exec(migration.sql);
    await db.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
      [id, migrationChecksum(migration.sql), migration.name, rows[0]?.now],
    );
    await db.exec("COMMIT");
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back: ${reason}`,
      migration.name,
      {
        cause: error,
      },
    );
  }
}

/** Adapts a dedicated pg client (not a pool: the advisory lock belongs to one session). */
export function pgExecutor(client: ClientBase): SqlExecutor {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** Adapts an embedded PGlite database. */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}
