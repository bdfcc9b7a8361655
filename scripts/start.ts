import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { DEMO_STAFF_TOTP_SECRET } from "../lib/users/demo-second-factor";

// The start script, run by `npm start` (scripts/start.mjs) compiled into .next/portal/start.mjs
// after the build is current: start the sandbox CA in demo mode, serve the portal, and print
// where to find it. Migrations and demo seeding run inside the server at start-up
// (instrumentation.ts), because the embedded database may only be opened by one process.
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const port = Number(env.PORT || 3000);
const serverDatabase = Boolean(env.DATABASE_URL?.trim());
const demo = !serverDatabase || ["1", "true", "yes"].includes(String(env.SEED_DEMO));

function authSecret(): string {
  if (env.AUTH_SECRET?.trim()) return env.AUTH_SECRET;
  if (serverDatabase && env.NODE_ENV === "production") {
    throw new Error(
      "Set AUTH_SECRET (e.g. `openssl rand -base64 33`) to run against a server database in production.",
    );
  }
  // Demo and development: a random secret kept beside the embedded data, so sessions survive restarts.
  const file = ".data/auth-secret";
  if (!existsSync(file)) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(file, randomBytes(33).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function startSandboxIfDemo(): Promise<(() => Promise<void>) | null> {
  if (env.SECTIGO_API_URL?.trim()) return null;
  const { DEMO_STEP_DELAY_MS, startSandbox } = await import("../sandbox/server");
  const dataDir = env.SANDBOX_DATA_DIR?.trim() || ".data/sandbox";
  const sandbox = await startSandbox({
    port: Number(env.SANDBOX_PORT || 4010),
    host: "127.0.0.1",
    dataDir: dataDir === "memory" ? undefined : dataDir,
    stepDelayMs: env.SANDBOX_STEP_DELAY_MS?.trim() ? Number(env.SANDBOX_STEP_DELAY_MS) : DEMO_STEP_DELAY_MS,
    // The portal's own push receiver, so a demo order reports its issuance by itself.
    pushUrl: env.SANDBOX_PUSH_URL?.trim() || `http://127.0.0.1:${port}/api/sectigo/push`,
  });
  env.SECTIGO_API_URL = sandbox.url;
  env.SECTIGO_LOGIN_NAME = sandbox.loginName;
  env.SECTIGO_LOGIN_PASSWORD = sandbox.loginPassword;
  env.SECTIGO_TEST_MODE_ALLOWED ??= "1";
  // The sandbox moves an order to issued within about a minute: follow it at that pace.
  env.STATUS_CHECK_MIN_SECONDS ??= "3";
  env.STATUS_CHECK_MAX_SECONDS ??= "20";
  env.STATUS_TICK_SECONDS ??= "2";
  // A demo's webhook receiver runs on the same machine (e.g. http://localhost:9000).
  env.WEBHOOK_ALLOW_PRIVATE_URLS ??= "1";
  console.log(`Sandbox CA (no real orders) listening on ${sandbox.url}`);
  return sandbox.close;
}

async function waitForHealth(url: string, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  env.AUTH_SECRET = authSecret();
  // AUTH_URL stays unset unless given: Auth.js then uses the host the browser asked for
  // (trustHost), so http://localhost:$PORT and http://127.0.0.1:$PORT both sign in.
  const stopSandbox = await startSandboxIfDemo();
  // scripts/serve.mjs: Next.js's handler behind a front that sets the client address the
  // per-address limits count (TRUSTED_PROXY_HOPS), which `next start` would take from the client.
  const server = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(port)], {
    stdio: "inherit",
    env,
  });
  const stop = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", async (code) => {
    await stopSandbox?.();
    process.exit(code ?? 0);
  });

  if (await waitForHealth(`http://127.0.0.1:${port}/api/health`, 120_000)) {
    const lines = [``, `Portal ready: http://localhost:${port}`];
    if (demo) {
      lines.push(
        `Demo accounts (password: ${env.DEMO_PASSWORD || "demo-portal-2026"}):`,
        `  customer@portal.example   support@portal.example   admin@portal.example`,
        `Support and admin sign in with a second factor: add the key ${DEMO_STAFF_TOTP_SECRET} to an authenticator app.`,
      );
    }
    // Without SMTP_URL the server runs its own SMTP catcher (lib/mail/demo.ts): nothing is sent out.
    if (!env.SMTP_URL?.trim())
      lines.push(`E-mail is caught, not sent: http://localhost:${port}/admin/mail (admin)`);
    console.log(lines.join("\n") + "\n");
  } else {
    console.error("The portal did not become healthy within 2 minutes; see the log above.");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
