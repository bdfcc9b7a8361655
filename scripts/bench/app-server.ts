import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { onCleanup } from "./cleanup";

// The portal's production build served by `next start`, configured like the browser tests'
// server (playwright.config.ts), on a port of its own (BENCH_APP_PORT, 3300 by default).

export const APP_PORT = Number(process.env.BENCH_APP_PORT) || 3300;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const AUTH_SECRET = "bench-secret-not-for-production-use-0123456789";

export interface AppServer {
  /** The `next start` process (its CPU time is the portal's, see cpu-time.ts). */
  pid: number;
  stop(): Promise<void>;
}

export async function startAppServer(config: {
  databaseUrl: string;
  sectigoUrl: string;
  loginName: string;
  loginPassword: string;
  /** More of the server's environment (e.g. a rate limit the load would otherwise hit). */
  env?: Record<string, string>;
}): Promise<AppServer> {
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(APP_PORT), "-H", "127.0.0.1"],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET,
        AUTH_URL: APP_URL,
        SEED_DEMO: "1",
        DATABASE_URL: config.databaseUrl,
        SECTIGO_API_URL: config.sectigoUrl,
        SECTIGO_LOGIN_NAME: config.loginName,
        SECTIGO_LOGIN_PASSWORD: config.loginPassword,
        SECTIGO_TEST_MODE_ALLOWED: "1",
        RETRY_MAX_ATTEMPTS: "0",
        LOG_LEVEL: "warn",
        ...config.env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  // Its JSON log lines at warn level (e.g. the seeded orders it recovers at start) are not ours to
  // print; errors and anything that is not a log line are.
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (text: string) => {
    for (const line of text.split("\n")) {
      if (line.trim() && !/^\{"level":(10|20|30|40),/.test(line)) console.log(`  portal: ${line}`);
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = onCleanup(async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${APP_URL}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The portal did not answer on ${APP_URL}/api/health within 120 s.`);
    }
    await sleep(250);
  }
  return { stop, pid: child.pid! };
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Signs in through Auth.js's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${APP_URL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${APP_URL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiesOf(csrf).join("; "),
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${APP_URL}/orders` }),
  });
  const session = cookiesOf(response).filter((c) => c.startsWith("authjs.session-token"));
  if (!session.length) throw new Error(`Signing in as ${email} failed (HTTP ${response.status}).`);
  return session.join("; ");
}
