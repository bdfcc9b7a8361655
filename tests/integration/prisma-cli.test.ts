import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import lockfile from "proper-lockfile";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "@/lib/db/pglite-extensions";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyMigrations, pgExecutor, pgliteExecutor } from "@/lib/db/migrate";

// The prisma CLI through `npm run prisma` (scripts/prisma.mjs) with the offline schema engine
// (prisma/engine/schema-engine.mjs) forced, so that a Prisma upgrade that breaks the shim, or a
// @prisma/schema-engine-wasm that no longer matches the CLI, fails here.
const ROOT = process.cwd();
const SHIM = path.join(ROOT, "prisma", "engine", "schema-engine.mjs");
const SERVER_URL = process.env.PGTEST_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function prisma(args: string[], databaseUrl?: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: SHIM };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/prisma.mjs", ...args],
      { cwd: ROOT, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const databases: string[] = [];
async function freshDatabaseUrl(): Promise<string> {
  const name = `prisma_cli_test_${randomUUID().replaceAll("-", "")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  databases.push(name);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of databases) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
});

// Each CLI run costs 2-4 s, mostly the CLI's own start-up; sequential runs are faster than
// concurrent ones on two cores.
describe("prisma CLI through the offline schema engine", { timeout: 60_000 }, () => {
  let migratedUrl: string;
  beforeAll(async () => {
    migratedUrl = await freshDatabaseUrl();
    await withClient(migratedUrl, (client) => applyMigrations(pgExecutor(client), { kind: "postgres" }));
  });

  test("the wasm engine is the build the installed prisma CLI expects", async () => {
    const result = await prisma(["version"]);
    expect(result.code).toBe(0);
    const hash = /Default Engines Hash\s*:\s*(\w+)/.exec(result.stdout)?.[1];
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(result.stdout).toMatch(
      new RegExp(`Schema Engine\\s*: schema-engine-cli ${hash} \\(at prisma/engine/schema-engine\\.mjs`),
    );
  });

  test("migrate status sees the migrations applied at start-up as up to date", async () => {
    const result = await prisma(["migrate", "status"], migratedUrl);
    expect(result.stdout).toContain("Database schema is up to date!");
    expect(result.code).toBe(0);
  });

  test("the migrations (hand-written SQL included) and the schema do not drift", async () => {
    // Replays the migrations into a temporary shadow database on the same server.
    const result = await prisma(
      [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      migratedUrl,
    );
    expect(result.stdout).toContain("No difference detected.");
    expect(result.code).toBe(0);
  });

  test("diff output and --exit-code reach the caller (a non-empty diff exits 2)", async () => {
    const result = await prisma(
      ["migrate", "diff", "--from-empty", "--to-schema", "prisma/schema.prisma", "--script", "--exit-code"],
      migratedUrl,
    );
    expect(result.stdout).toContain('CREATE TABLE "User"');
    expect(result.code).toBe(2);
  });

  test("migrations applied by `migrate deploy` are recognised at start-up, hand-written SQL included", async () => {
    const url = await freshDatabaseUrl();
    const deploy = await prisma(["migrate", "deploy"], url);
    expect(deploy.stdout).toContain("All migrations have been successfully applied.");
    expect(deploy.code).toBe(0);

    await withClient(url, async (client) => {
      expect((await applyMigrations(pgExecutor(client), { kind: "postgres" })).applied).toEqual([]);
      const trigger = await client.query(
        `SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal`,
      );
      expect(trigger.rows).toEqual([{ tgname: "AuditEvent_append_only" }]);
    });
  });

  test("reads a stopped embedded (PGlite) database, and refuses one a running portal holds", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "prisma-cli-pglite-"));
    try {
      const db = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
      await applyMigrations(pgliteExecutor(db), { kind: "pglite" });
      await db.close();

      const stopped = await prisma(["migrate", "status"], `pglite:${dir}`);
      expect(stopped.stdout).toContain("Database schema is up to date!");
      expect(stopped.code).toBe(0);

      // The same lock file that lib/db/open.ts holds while the portal runs.
      const release = await lockfile.lock(dir, {
        lockfilePath: `${dir}.lock`,
        stale: 15_000,
        update: 5_000,
        realpath: false,
      });
      try {
        const running = await prisma(["migrate", "status"], `pglite:${dir}`);
        expect(running.stderr + running.stdout).toContain("is open in another process");
        expect(running.code).not.toBe(0);
      } finally {
        await release();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.lock`, { recursive: true, force: true });
    }
  });
});
