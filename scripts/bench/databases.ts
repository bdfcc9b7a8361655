import pg from "pg";
import { closeDb } from "@/lib/db";
import { applyMigrations, pgExecutor } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";

// The benchmark's own databases on the server DATABASE_URL names: created fresh, migrated, and
// dropped again at the end, also when a benchmark fails or the run is interrupted.

export const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

const created = new Set<string>();
const stamp = new Date().toISOString().replace(/[-:T]/g, "").replace(/\..*$/, "").toLowerCase();

let serverUrl = DEFAULT_SERVER_URL;

/** Remembers the server to create databases on (the database in the URL is only for connecting). */
export function setServer(url: string): void {
  serverUrl = url;
}

/** The URL of a database on the benchmark's server. */
export function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs statements on the server's maintenance connection (CREATE/DROP DATABASE, version). */
export async function onServer<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh database `portal_bench_<timestamp>_<part>`, migrated unless told otherwise; returns its URL. */
export async function createDatabase(part: string, migrate = true): Promise<string> {
  const name = `portal_bench_${stamp}_${part}`;
  await onServer(`CREATE DATABASE "${name}"`);
  created.add(name);
  const url = databaseUrl(name);
  if (migrate) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await applyMigrations(pgExecutor(client), { kind: "postgres" });
    } finally {
      await client.end();
    }
  }
  return url;
}

/** Points the portal's own data layer (`db()`) at this database from the next call on. */
export async function setAppDatabase(url: string): Promise<void> {
  await closeDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
}

/** Drops every database this run created; never throws (it runs on the way out). */
export async function dropDatabases(): Promise<void> {
  await closeDb().catch(() => undefined);
  for (const name of [...created]) {
    try {
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      created.delete(name);
      console.log(`Dropped database ${name}.`);
    } catch (error) {
      console.error(`Could not drop database ${name}: ${error instanceof Error ? error.message : error}`);
    }
  }
}
