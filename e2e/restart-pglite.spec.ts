import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { appendFileSync, mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "./fixtures";
import { E2E_SECTIGO_PASSWORD, REPORTS_DIR, SERVER_LOG } from "./secrets";
import { demo, DEMO_PASSWORD, signIn } from "./support";

// The embedded database after a crash, on the production server: a portal of its own (own port,
// own PGlite directory) is killed with SIGKILL and started again at once, as `npm start` would
// be. It must come back by itself: pages and /api/health answer 200 within seconds, and until
// then health answers 503, never 500 and never ok.

const sandboxPort = Number(process.env.E2E_SANDBOX_PORT || 4110);
const dataDir = `.data/e2e/restart-${Date.now()}-${process.pid}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startPortal(port: number): ChildProcess {
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
        AUTH_URL: baseURL,
        DATABASE_URL: "",
        PGLITE_DIR: dataDir,
        JOURNAL_DIR: `${dataDir}-journal`,
        SECTIGO_API_URL: `http://127.0.0.1:${sandboxPort}`,
        SECTIGO_LOGIN_NAME: "sandbox-reseller",
        SECTIGO_LOGIN_PASSWORD: E2E_SECTIGO_PASSWORD,
        LOG_LEVEL: "debug",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // Into the run's server log too, so the final sweep checks these lines for secrets as well.
  mkdirSync(REPORTS_DIR, { recursive: true });
  const keep = (chunk: Buffer) => appendFileSync(SERVER_LOG, chunk);
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return child;
}

interface HealthBody {
  status: string;
  database: { ok: boolean };
}

/** Polls /api/health until it says ok; returns every status code seen on the way. */
async function healthUntilOk(baseURL: string, timeoutMs: number): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await fetch(`${baseURL}/api/health`).then(
      async (response) => ({ status: response.status, body: (await response.json()) as HealthBody }),
      () => undefined, // not listening yet
    );
    if (answer) {
      seen.push(answer.status);
      // Health agrees with itself: 200 exactly when it reports the database usable.
      expect(answer.status === 200).toBe(answer.body.status === "ok" && answer.body.database.ok);
      if (answer.status === 200) return seen;
    }
    await sleep(200);
  }
  throw new Error(`health never said ok; statuses seen: ${seen.join(",")}`);
}

test.afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(`${dataDir}.lock`, { recursive: true, force: true });
  await rm(`${dataDir}.lock-owner`, { force: true });
  await rm(`${dataDir}-journal`, { recursive: true, force: true });
});

test("killed with SIGKILL and started again at once, the portal on PGlite answers 200 within seconds", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  const first = startPortal(port);
  try {
    await healthUntilOk(baseURL, 120_000);
  } finally {
    const exited = once(first, "exit");
    first.kill("SIGKILL");
    await exited;
  }

  const restarted = startPortal(port);
  try {
    const statuses = await healthUntilOk(baseURL, 30_000);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);

    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    expect((await page.goto("/sign-in"))?.status()).toBe(200);
    // A page that reads the database: the demo customer signs in and sees their orders.
    await signIn(page, demo.customer, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await context.close();
  } finally {
    restarted.kill("SIGTERM");
    await once(restarted, "exit");
  }
});
