import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase, DatabaseInUseError, type DatabaseHandle } from "@/lib/db/open";
import { checkHealth } from "@/lib/health";

// Start-up as the app does it (open → migrate → client) on real databases, and the health check
// against databases that answer and ones that do not.
const SERVER_URL = process.env.PGTEST_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freshDatabaseUrl(): Promise<string> {
  const name = `startup_test_${randomUUID().replaceAll("-", "")}`;
  await admin(`CREATE DATABASE "${name}"`);
  cleanups.push(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

describe("start-up on PostgreSQL", () => {
  test("two app instances starting at once against one empty database both succeed", async () => {
    const url = await freshDatabaseUrl();
    const [a, b] = await Promise.all([
      openDatabase({ kind: "postgres", url }),
      openDatabase({ kind: "postgres", url }),
    ]);
    try {
      const rows = await a.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations"`;
      const files = await b.prisma.$queryRaw<
        { name: string }[]
      >`SELECT migration_name AS name FROM "_prisma_migrations"`;
      expect(Number(rows[0]!.n)).toBe(files.length);
      expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
      expect(files.length).toBeGreaterThan(0);
      // Both clients work on the migrated schema.
      await a.prisma.user.create({ data: { email: "a@example.com", name: "A", passwordHash: "x" } });
      expect(await b.prisma.user.count()).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test("a restart applies nothing twice and keeps the data", async () => {
    const url = await freshDatabaseUrl();
    const first = await openDatabase({ kind: "postgres", url });
    await first.prisma.user.create({ data: { email: "keep@example.com", name: "Keep", passwordHash: "x" } });
    const before = await first.prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM "_prisma_migrations"`;
    await first.close();
    const second = await openDatabase({ kind: "postgres", url });
    try {
      const after = await second.prisma.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM "_prisma_migrations"`;
      expect(after[0]!.n).toBe(before[0]!.n);
      expect(await second.prisma.user.count()).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe("start-up on the embedded database", () => {
  test("migrates an empty directory, reopens it, and refuses a second opener while in use", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "startup-pglite-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, "data");
    const first = await openDatabase({ kind: "pglite", dir: dataDir });
    await first.prisma.user.create({ data: { email: "embedded@example.com", name: "E", passwordHash: "x" } });
    await expect(openDatabase({ kind: "pglite", dir: dataDir })).rejects.toBeInstanceOf(DatabaseInUseError);
    await first.close();
    const again = await openDatabase({ kind: "pglite", dir: dataDir });
    try {
      expect(await again.prisma.user.count()).toBe(1);
      const health = await checkHealth("pglite", async () => again.prisma);
      expect(health).toMatchObject({ status: "ok", database: { kind: "pglite", ok: true } });
    } finally {
      await again.close();
    }
    // Two embedded start-ups (initdb and migrations) take far longer than 30 s on a loaded machine.
  }, 120_000);
});

describe("health check", () => {
  let handle: DatabaseHandle | undefined;
  afterAll(async () => handle?.close());

  test("reports a database that answers as ok", async () => {
    handle = await openDatabase({ kind: "postgres", url: await freshDatabaseUrl() });
    const report = await checkHealth("postgres", async () => handle!.prisma);
    expect(report.status).toBe("ok");
    expect(report.database.ok).toBe(true);
  });

  test("reports a stopped database server as unavailable without leaking the URL", async () => {
    // Nothing listens on port 1: the same as a stopped server.
    const stopped = await openDatabase({
      kind: "postgres",
      url: "postgresql://postgres:secret-pw@127.0.0.1:1/x",
    }).catch((error: unknown) => error as Error);
    expect(stopped).toBeInstanceOf(Error);
    const report = await checkHealth("postgres", () => Promise.reject(stopped as Error), 1_000);
    expect(report.status).toBe("unavailable");
    expect(report.database.ok).toBe(false);
    expect(JSON.stringify(report)).not.toContain("secret-pw");
  });

  test("reports a database that went away after start-up as unavailable", async () => {
    const url = await freshDatabaseUrl();
    const live = await openDatabase({ kind: "postgres", url });
    expect((await checkHealth("postgres", async () => live.prisma)).status).toBe("ok");
    const name = new URL(url).pathname.slice(1);
    await admin(`DROP DATABASE "${name}" WITH (FORCE)`);
    const report = await checkHealth("postgres", async () => live.prisma, 2_000);
    expect(report.status).toBe("unavailable");
    await live.close();
  });
});
