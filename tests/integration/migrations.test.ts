import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "@/lib/db/pglite-extensions";
import { afterEach, describe, expect, test } from "vitest";
import {
  applyMigrationFiles,
  applyMigrations,
  MigrationError,
  migrationChecksum,
  pgExecutor,
  pgliteExecutor,
  readMigrations,
  type SqlExecutor,
} from "@/lib/db/migrate";

// Real databases: a fresh PostgreSQL database per test (dropped afterwards) and PGlite in a
// temporary directory. PGTEST_URL may point at another server with CREATEDB rights.
const SERVER_URL = process.env.PGTEST_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function freshPostgres(): Promise<{ connect: () => Promise<pg.Client> }> {
  const name = `migrate_test_${randomUUID().replaceAll("-", "")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const clients: pg.Client[] = [];
  cleanups.push(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    async connect() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      clients.push(client);
      return client;
    },
  };
}

async function freshPglite(): Promise<{ dir: string; open: () => Promise<PGlite> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "migrate-test-"));
  const opened: PGlite[] = [];
  cleanups.push(async () => {
    await Promise.all(opened.map((db) => db.close().catch(() => undefined)));
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir,
    async open() {
      const db = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
      await db.waitReady;
      opened.push(db);
      return db;
    },
  };
}

type Kind = "postgres" | "pglite";

async function memoryPglite(): Promise<PGlite> {
  const db = new PGlite({ extensions: PGLITE_EXTENSIONS });
  await db.waitReady;
  cleanups.push(() => db.close());
  return db;
}

async function migratedExecutor(kind: Kind): Promise<SqlExecutor> {
  const db =
    kind === "postgres"
      ? pgExecutor(await (await freshPostgres()).connect())
      : pgliteExecutor(await memoryPglite());
  await applyMigrations(db, { kind });
  return db;
}

async function sqlError(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the statement should have been rejected").toBeInstanceOf(Error);
  return error as { code?: string; message: string };
}

describe("applyMigrations on PostgreSQL", () => {
  test("applies every migration from empty, records it as Prisma does, and applies nothing the second time", async () => {
    const db = await freshPostgres();
    const client = await db.connect();
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);

    const first = await applyMigrations(pgExecutor(client), { kind: "postgres" });
    expect(first.applied).toEqual(files.map((f) => f.name));

    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "User",
        "Order",
        "OrderAttempt",
        "ShippingDetails",
        "AuditEvent",
        "RateLimiterFlexible",
        "_prisma_migrations",
      ]),
    );
    const recorded = await client.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(recorded.rows).toEqual(
      files.map((f) => ({
        migration_name: f.name,
        checksum: migrationChecksum(f.sql),
        finished_at: expect.any(Date),
        rolled_back_at: null,
        applied_steps_count: 1,
        logs: null,
      })),
    );

    const second = await applyMigrations(pgExecutor(await db.connect()), { kind: "postgres" });
    expect(second.applied).toEqual([]);
    const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(count.rows[0]?.n)).toBe(files.length);
  });

  test("two instances starting at once: both succeed and each migration is applied once", async () => {
    const db = await freshPostgres();
    const [a, b] = await Promise.all([db.connect(), db.connect()]);
    const results = await Promise.all([
      applyMigrations(pgExecutor(a), { kind: "postgres" }),
      applyMigrations(pgExecutor(b), { kind: "postgres" }),
    ]);
    const names = (await readMigrations()).map((f) => f.name);
    // One waited for the other's lock, then found everything applied.
    expect(results.map((r) => r.applied).sort((x, y) => x.length - y.length)).toEqual([[], names]);
    const rows = await a.query<{ migration_name: string; n: string }>(
      `SELECT migration_name, count(*) AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.rows.map((r) => [r.migration_name, Number(r.n)])).toEqual(names.map((n) => [n, 1]));
    // The advisory lock was released by both sessions.
    const locks = await a.query(
      `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(locks.rowCount).toBe(0);
  });

  test("refuses to start when an applied migration was edited", async () => {
    const client = await (await freshPostgres()).connect();
    await applyMigrations(pgExecutor(client), { kind: "postgres" });
    const first = (await readMigrations())[0]!;
    await client.query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, [
      "0".repeat(64),
      first.name,
    ]);

    const error = await applyMigrations(pgExecutor(client), { kind: "postgres" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe(first.name);
    expect((error as Error).message).toMatch(/was modified after it was applied/);
  });

  test("a failing migration is rolled back completely and reported with its name and the SQL error", async () => {
    const client = await (await freshPostgres()).connect();
    const files = await readMigrations();
    const broken = { name: "20990101000000_broken", sql: 'CREATE TABLE "Leftover" (id int);\nSELEC 1;' };

    const error = await applyMigrationFiles(pgExecutor(client), [...files, broken], {
      kind: "postgres",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/20990101000000_broken failed.*syntax error at or near "SELEC"/);

    const leftover = await client.query(`SELECT to_regclass('"Leftover"') AS t`);
    expect(leftover.rows[0]).toEqual({ t: null });
    const recorded = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`,
    );
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    // The session is usable again (no transaction left open) and the lock is free.
    expect((await client.query("SELECT pg_try_advisory_lock(72707369) AS ok")).rows[0]).toEqual({ ok: true });
  });

  test("refuses to continue after an unfinished attempt recorded by the CLI", async () => {
    const client = await (await freshPostgres()).connect();
    await applyMigrations(pgExecutor(client), { kind: "postgres" });
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, '20990101000000_half', now())`,
      [randomUUID(), "0".repeat(64)],
    );
    await expect(applyMigrations(pgExecutor(client), { kind: "postgres" })).rejects.toThrow(
      /20990101000000_half failed earlier.*migrate resolve/s,
    );
  });
});

describe("applyMigrations on PGlite", () => {
  test("applies from empty, persists, and applies nothing after reopening", async () => {
    const store = await freshPglite();
    const files = await readMigrations();
    const first = await store.open();
    expect((await applyMigrations(pgliteExecutor(first), { kind: "pglite" })).applied).toEqual(
      files.map((f) => f.name),
    );
    await first.close();

    const again = await store.open();
    expect((await applyMigrations(pgliteExecutor(again), { kind: "pglite" })).applied).toEqual([]);
    const recorded = await again.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY 1`,
    );
    expect(recorded.rows).toEqual(
      files.map((f) => ({ migration_name: f.name, checksum: migrationChecksum(f.sql) })),
    );
    // Every migration on PGlite (WASM) twice: 15 s on a quiet machine, and it grows with each migration.
  }, 120_000);
});

describe.each<Kind>(["postgres", "pglite"])("hand-written constraints on %s", (kind) => {
  const insertUser = (db: SqlExecutor, email: string) =>
    db.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, 'Test', 'x', now())`,
      [randomUUID(), email],
    );

  test("User.email must be stored trimmed and lower-cased", async () => {
    const db = await migratedExecutor(kind);
    await insertUser(db, "alice@example.com");
    for (const bad of ["Alice@example.com", " bob@example.com", "carol@example.com "]) {
      const error = await sqlError(insertUser(db, bad));
      expect(error.code).toBe("23514");
      expect(error.message).toContain("User_email_normalised_check");
    }
    const { rows } = await db.query<{ email: string }>(`SELECT email FROM "User"`);
    expect(rows).toEqual([{ email: "alice@example.com" }]);
  });

  test("AuditEvent rows can be inserted but never updated or deleted", async () => {
    const db = await migratedExecutor(kind);
    const id = randomUUID();
    await db.query(`INSERT INTO "AuditEvent" (id, action, reason) VALUES ($1, 'user.created', 'original')`, [
      id,
    ]);

    const update = await sqlError(
      db.query(`UPDATE "AuditEvent" SET reason = 'rewritten' WHERE id = $1`, [id]),
    );
    expect(update.message).toMatch(/append-only: UPDATE is not allowed/);
    const remove = await sqlError(db.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [id]));
    expect(remove.message).toMatch(/append-only: DELETE is not allowed/);

    const { rows } = await db.query(`SELECT id, reason FROM "AuditEvent"`);
    expect(rows).toEqual([{ id, reason: "original" }]);
  });
});
