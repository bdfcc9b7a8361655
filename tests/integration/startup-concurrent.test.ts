import { spawn } from "node:child_process";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { onServer } from "@/tests/support/database";

// Two portal processes starting at the same moment on one fresh PostgreSQL database: migrations,
// pg-boss's schema and its queues are all created by whichever comes first, the other waits.
const SERVER_URL = process.env.PGTEST_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

interface Started {
  code: number | null;
  output: string;
}

function startInstance(url: string): Promise<Started> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/startup-child.ts"],
    {
      env: { ...process.env, DATABASE_URL: url, JOBS_ENABLED: "1", LOG_LEVEL: "warn", SEED_DEMO: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return once(child, "exit").then(([code]) => ({ code: code as number | null, output }));
}

function healthOf(started: Started): unknown {
  const line = started.output.split("\n").find((l) => l.startsWith("HEALTH "));
  return line ? JSON.parse(line.slice("HEALTH ".length)) : { output: started.output };
}

describe("two instances starting together", () => {
  test("on a fresh PostgreSQL database, five times, both instances start healthy every time", async () => {
    for (let round = 1; round <= 5; round++) {
      const name = `startup_pair_${randomUUID().replaceAll("-", "")}`;
      await onServer(`CREATE DATABASE "${name}"`);
      try {
        const url = new URL(SERVER_URL);
        url.pathname = `/${name}`;
        const pair = await Promise.all([startInstance(url.toString()), startInstance(url.toString())]);
        for (const started of pair) {
          expect(healthOf(started), `round ${round}`).toMatchObject({
            status: "ok",
            database: { kind: "postgres", ok: true },
          });
          expect(started.code, `round ${round}: ${started.output}`).toBe(0);
          // Serialised, not rescued by a retry: neither instance ever hit a deadlock.
          expect(started.output).not.toMatch(/deadlock/i);
        }
      } finally {
        await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    }
  }, 240_000);
});
