import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { startPortal, startupStatus } from "@/lib/bootstrap";
import { closeDb } from "@/lib/db";
import { openDatabase } from "@/lib/db/open";
import { checkHealth } from "@/lib/health";
import { setEnv } from "@/tests/support/database";

// The embedded database after a crash: a portal process holding it is killed with SIGKILL (its
// lock file stays behind) and the portal is started again at once, as `npm start` would be.
const cleanups: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(async () => {
  await closeDb();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "restart-pglite-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return path.join(dir, "data");
}

/** A portal process that starts on `dir` and keeps it open until killed. */
async function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/startup-child.ts"],
    {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: dir, JOBS_ENABLED: "0", STAY_OPEN: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!output.includes("READY")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`holder did not start:\n${output}`);
    await sleep(100);
  }
  expect(output).toContain('"status":"ok"');
  return child;
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  expect((await exited)[1]).toBe("SIGKILL");
}

describe("embedded database restart after a crash", () => {
  test("the lock of a process killed with SIGKILL is recognised as stale at once", async () => {
    const dir = await dataDir();
    await killHard(await holder(dir));
    // Well inside the lock's 15 s staleness period: only the dead owner's pid tells it apart.
    const started = Date.now();
    const reopened = await openDatabase({ kind: "pglite", dir });
    try {
      expect(Date.now() - started).toBeLessThan(10_000);
      // The killed process's start-up (its demo accounts) is there.
      expect(await reopened.prisma.user.count()).toBe(3);
      expect(await checkHealth("pglite", async () => reopened.prisma)).toMatchObject({
        status: "ok",
        database: { kind: "pglite", ok: true },
      });
    } finally {
      await reopened.close();
    }
  }, 120_000);

  test("while a live process holds it, start-up waits and retries, health says unavailable, then it starts", async () => {
    const dir = await dataDir();
    const live = await holder(dir);
    setEnv({ DATABASE_URL: undefined, PGLITE_DIR: dir, JOBS_ENABLED: "0" });

    await startPortal();
    const waiting = startupStatus()!;
    expect(waiting.phase).toBe("waiting");
    expect(waiting.error).toMatch(new RegExp(`already open in process ${live.pid}`));
    const during = await health();
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ status: "unavailable", database: { ok: false } });

    await killHard(live);
    const deadline = Date.now() + 30_000;
    while (startupStatus()?.phase !== "ready") {
      if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(startupStatus())}`);
      await sleep(100);
    }
    const after = await health();
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ status: "ok", database: { kind: "pglite", ok: true } });
  }, 150_000);
});
