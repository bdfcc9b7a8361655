import { defineConfig, devices } from "@playwright/test";
import { E2E_METRICS_TOKEN, E2E_SECTIGO_PASSWORD, REPORTS_DIR } from "./e2e/secrets";

// Browser tests drive Debian's chromium (never a downloaded browser) against the production
// build, with a fresh embedded database per run unless DATABASE_URL names a server database.
const port = Number(process.env.E2E_PORT || 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT || 4110);
// The test web server where after-ordering.spec publishes DCV files (the sandbox and the portal's
// "Check now" ask it, with the domain as Host).
const dcvPort = Number(process.env.E2E_DCV_PORT || sandboxPort + 10);
// "localhost", not 127.0.0.1: WebAuthn refuses IP addresses as relying-party IDs, and the passkey
// test needs one origin for the browser and AUTH_URL (the server still listens on 127.0.0.1).
const baseURL = `http://localhost:${port}`;
const runId = `${Date.now()}-${process.pid}`;

const serverEnv: Record<string, string> = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
  AUTH_URL: baseURL,
  SEED_DEMO: "1",
  PGLITE_DIR: `.data/e2e/${runId}`,
  SECTIGO_API_URL: `http://127.0.0.1:${sandboxPort}`,
  SECTIGO_LOGIN_NAME: "sandbox-reseller",
  SECTIGO_LOGIN_PASSWORD: E2E_SECTIGO_PASSWORD,
  SECTIGO_TEST_MODE_ALLOWED: "1",
  SECTIGO_TIMEOUT_MS: "5000",
  // Everything goes to the run's server.log for the secret sweep; e2e/serve.ts shows warnings.
  LOG_LEVEL: "debug",
  // Every browser test signs up from 127.0.0.1: a whole run creates more accounts than an office.
  SIGN_UPS_PER_ADDRESS_PER_HOUR: "1000",
  // The tests play a reverse proxy: a context's X-Forwarded-For stands for a client address of its
  // own (auth and sign-up specs); the front then counts the entry that "proxy" appended.
  TRUSTED_PROXY_HOPS: "1",
  // A failed order goes straight to the support queue in browser tests (no automatic retry).
  RETRY_MAX_ATTEMPTS: "0",
  // Placed orders are checked within a second or two (the sandbox moves them by hand in tests).
  STATUS_CHECK_MIN_SECONDS: "1",
  STATUS_CHECK_MAX_SECONDS: "2",
  STATUS_TICK_SECONDS: "0.5",
  DCV_CHECK_HTTP_TARGET: `127.0.0.1:${dcvPort}`,
  // The webhook spec's receiver listens on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE_URLS: "1",
  METRICS_TOKEN: E2E_METRICS_TOKEN,
  DATABASE_URL: process.env.DATABASE_URL ?? "",
};

export default defineConfig({
  testDir: "e2e",
  // Playwright empties its output folder when it starts: a group running beside another has its own.
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: `${REPORTS_DIR}/playwright.json` }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: "node --import tsx sandbox/main.ts",
      url: `http://127.0.0.1:${sandboxPort}/sandbox/orders`,
      env: {
        SANDBOX_PORT: String(sandboxPort),
        // Tests move orders by POST /sandbox/orders/<n>/advance, on a fresh sandbox every run.
        SANDBOX_STEP_DELAY_MS: "0",
        SANDBOX_DATA_DIR: "memory",
        SANDBOX_PUSH_URL: `${baseURL}/api/sectigo/push`,
        SANDBOX_DCV_HTTP_TARGET: `127.0.0.1:${dcvPort}`,
        SECTIGO_LOGIN_NAME: serverEnv.SECTIGO_LOGIN_NAME!,
        SECTIGO_LOGIN_PASSWORD: serverEnv.SECTIGO_LOGIN_PASSWORD!,
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node --import tsx e2e/serve.ts ${port}`,
      url: `http://127.0.0.1:${port}/api/health`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
  ],
});
