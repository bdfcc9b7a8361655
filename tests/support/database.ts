import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closeDb, db } from "@/lib/db";
import { applyMigrations, pgExecutor } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";

// Each integration test file gets a database of its own: a fresh, migrated PostgreSQL database
// on the test server (PGTEST_URL, which `npm test` derives from DATABASE_URL; else the local
// server), or a fresh PGlite directory, made the app's database (`db()`) until it is dropped.

const SERVER_URL = process.env.PGTEST_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** Runs one statement on the test server's maintenance database (CREATE/DROP DATABASE). */
export async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Sets configuration for the code under test (lib/env.ts caches it). */
export function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

export interface TestDatabase {
  /** Empties every table (TRUNCATE passes the audit log's append-only trigger). */
  reset(): Promise<void>;
  /** A statement outside the app's client, e.g. one the database itself must refuse. */
  query(statement: string, values?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

const TRUNCATE = `TRUNCATE "AuditEvent", "OrderAttempt", "ShippingDetails", "Order", "User", "MailOutbox", "CaughtMail" CASCADE`;

/** Makes a fresh, migrated database the app's database (`db()`) until `drop()`. */
export async function createTestDatabase(
  prefix: string,
  kind: "postgres" | "pglite" = "postgres",
): Promise<TestDatabase> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DIR: process.env.PGLITE_DIR };
  await closeDb();
  if (kind === "pglite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
    setEnv({ DATABASE_URL: undefined, PGLITE_DIR: path.join(dir, "data") });
    return {
      reset: async () => void (await (await db()).$executeRawUnsafe(TRUNCATE)),
      query: () => Promise.reject(new Error("query() needs a PostgreSQL test database")),
      drop: async () => {
        await closeDb();
        setEnv(saved);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `${prefix}_${randomUUID().replaceAll("-", "")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await applyMigrations(pgExecutor(client), { kind: "postgres" });
  setEnv({ DATABASE_URL: url.toString() });
  return {
    reset: async () => void (await client.query(TRUNCATE)),
    query: (statement, values) => client.query(statement, values),
    drop: async () => {
      await closeDb();
      await client.end();
      setEnv(saved);
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
