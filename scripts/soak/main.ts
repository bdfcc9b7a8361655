import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readActionIds } from "./action-ids";
import { totpCode } from "../../lib/auth/two-factor/totp";
import { DEMO_STAFF_TOTP_SECRET } from "../../lib/users/demo-second-factor";
import { runSoak, type Account, type SoakOptions } from "./core";
import { InputPool } from "./order-inputs";
import { exportOrderSource, pgOrderSource, type OrderSource } from "./order-source";
import { HttpLog, keepAliveAgent, PortalClient } from "./portal-client";
import { createScratchDatabase, freePort, startPortal } from "./processes";
import { formatReport } from "./report";
import { FAULT_KINDS, httpFaults, inProcessFaults, type FaultPlan } from "./sandbox";

// `npm run soak`: many customers order over HTTP from a production portal while the sandbox CA
// is slow and fails at a set rate; afterwards no order may be lost or placed twice. By default
// it brings its own world (a fresh database, the sandbox CA in this process, `next start` on the
// existing build) and removes it again; --base-url soaks a portal that is already running.

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    customers: { type: "string", default: "24" },
    "fault-rate": { type: "string", default: "0.2" },
    "latency-ms": { type: "string", default: "50" },
    drain: { type: "string", default: "30" },
    "retry-max-attempts": { type: "string", default: "3" },
    "retry-base-delay-ms": { type: "string", default: "500" },
    port: { type: "string", default: "0" },
    "sandbox-port": { type: "string", default: "0" },
    "no-build": { type: "boolean", default: false },
    "base-url": { type: "string" },
    "sandbox-url": { type: "string" },
    "database-url": { type: "string" },
    "admin-email": { type: "string", default: "admin@portal.example" },
    "admin-password": { type: "string", default: "demo-portal-2026" },
    /// The admin's authenticator key (base32); the default is the demo staff's.
    "admin-totp-key": { type: "string", default: DEMO_STAFF_TOTP_SECRET },
    /// The portal's METRICS_TOKEN, to compare its /metrics with the soak's counts (--base-url).
    "metrics-token": { type: "string" },
  },
  strict: true,
});

function numberArg(name: keyof typeof args, min: number, max: number): number {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--${name} must be a number from ${min} to ${max}`);
  }
  return value;
}

const durationMs = numberArg("duration", 1, 86_400) * 1000;
const customers = Math.round(numberArg("customers", 1, 500));
const plan: FaultPlan = {
  rate: numberArg("fault-rate", 0, 1),
  latencyMs: Math.round(numberArg("latency-ms", 0, 60_000)),
  kinds: FAULT_KINDS,
};
const drainMs = numberArg("drain", 0, 3_600) * 1000;
const runTag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
// The soak's own portal gets a token of its own; another portal's is given with --metrics-token.
const ownMetricsToken = randomBytes(24).toString("hex");
const metricsToken = args["base-url"] ? args["metrics-token"] : ownMetricsToken;
const password = `soak password ${runTag}`;
const accounts: Account[] = Array.from({ length: customers }, (_, i) => ({
  name: `Soak Customer ${i + 1}`,
  email: `soak-${runTag}-${i + 1}@example.com`,
  password,
}));

// Cleanups run in reverse order, once, on success, failure and Ctrl-C alike.
const cleanups: (() => Promise<void>)[] = [];
const lastResort: (() => void)[] = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}
// `on`, not `once`: proper-lockfile's signal-exit (loaded with lib/db) re-raises a signal that no
// other listener handles, which would kill this process before the cleanup has run.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return; // the cleanup is running already
    interrupted = true;
    console.error(`\n${signal}: stopping`);
    void cleanUp().then(() => process.exit(130));
  });
}
process.once("exit", () => lastResort.forEach((kill) => kill()));

/** The accounts, made directly in the database (lib/users/data), which also migrates it. */
async function createAccounts(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  process.env.LOG_LEVEL ??= "warn";
  const { createUser } = await import("@/lib/users/data");
  const { closeDb } = await import("@/lib/db");
  for (const a of accounts) await createUser({ ...a, role: "CUSTOMER" });
  await closeDb();
}

/** The soak's own world: database, sandbox CA in this process, production portal. */
async function ownWorld() {
  if (!args["no-build"]) {
    const { buildIfNeeded } = await import("../build-if-needed.mjs");
    await buildIfNeeded();
  }
  const actionIds = readActionIds();
  const server = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  const database = await createScratchDatabase(server, `soak_${runTag}`);
  cleanups.push(() => database.drop());
  console.log(`database: ${database.url}`);

  await createAccounts(database.url);

  const { startSandbox } = await import("@/sandbox/server");
  const sandbox = await startSandbox({
    port: Number(args["sandbox-port"]),
    balance: 1_000_000_000,
    successCode: 0,
    faults: {},
  });
  cleanups.push(() => sandbox.close());
  console.log(`sandbox CA: ${sandbox.url}`);

  const port = Number(args.port) || (await freePort());
  const logDir = path.join(os.tmpdir(), "portal-soak");
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `portal-${runTag}.log`);
  const portal = await startPortal({
    port,
    logFile,
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      AUTH_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: "",
      SECTIGO_API_URL: sandbox.url,
      SECTIGO_LOGIN_NAME: sandbox.loginName,
      SECTIGO_LOGIN_PASSWORD: sandbox.loginPassword,
      SECTIGO_TEST_MODE_ALLOWED: "1",
      SECTIGO_TIMEOUT_MS: "10000",
      RETRY_MAX_ATTEMPTS: String(numberArg("retry-max-attempts", 0, 20)),
      RETRY_BASE_DELAY_MS: String(numberArg("retry-base-delay-ms", 0, 86_400_000)),
      JOBS_ENABLED: "1",
      LOG_LEVEL: "warn",
      METRICS_TOKEN: ownMetricsToken,
    },
  });
  cleanups.push(() => portal.stop());
  lastResort.push(() => portal.kill());
  console.log(`portal: ${portal.url} (log: ${logFile})`);

  return {
    baseUrl: portal.url,
    sandboxUrl: sandbox.url,
    actionIds,
    register: false as SoakOptions["register"],
    faults: inProcessFaults(sandbox.state, plan),
    orders: pgOrderSource(database.url),
  };
}

/**
 * A portal someone else runs; faults go through the sandbox's admin API. With its database the
 * accounts are made there and the checks read it; without, customers sign up (the portal allows
 * 50 sign-ups an hour per address) and the checks read the admin CSV export.
 */
async function theirWorld(baseUrl: string) {
  const sandboxUrl = args["sandbox-url"];
  if (!sandboxUrl) throw new Error("--base-url needs --sandbox-url (the sandbox CA that portal uses)");
  const databaseUrl = args["database-url"];
  let orders: OrderSource;
  let register: false | { admin: PortalClient } = false;
  if (databaseUrl) {
    await createAccounts(databaseUrl);
    orders = pgOrderSource(databaseUrl);
  } else {
    const agent = keepAliveAgent(2);
    cleanups.push(() => agent.close());
    const admin = new PortalClient(baseUrl, agent, new HttpLog());
    await admin.signIn(args["admin-email"], args["admin-password"]);
    await admin.passSecondFactor(readActionIds().secondFactor, totpCode(args["admin-totp-key"]));
    orders = exportOrderSource(admin);
    // Self-registered customers confirm their address with the mailed link (the demo catcher).
    register = { admin };
  }
  return {
    baseUrl,
    sandboxUrl,
    actionIds: readActionIds(),
    register: register as SoakOptions["register"],
    faults: httpFaults(sandboxUrl, plan),
    orders,
  };
}

async function main(): Promise<number> {
  const world = args["base-url"] ? await theirWorld(args["base-url"]) : await ownWorld();
  cleanups.push(() => world.orders.close());
  const poolSize = Math.min(5_000, Math.ceil((durationMs / 1000) * 30));
  console.log(`making ${poolSize} order inputs with fresh CSRs…`);
  const inputs = await new InputPool(runTag).prepare(poolSize);
  console.log(
    `soak: ${customers} customers, ${durationMs / 1000} s, fault rate ${plan.rate} (${plan.kinds.join(", ")}), latency ${plan.latencyMs} ms`,
  );
  const report = await runSoak({
    ...world,
    accounts,
    durationMs,
    inputs,
    drainMs,
    metricsToken,
    log: (line) => console.log(line),
  });
  console.log(`\n${formatReport(report).join("\n")}`);
  if (inputs.madeOnDemand) console.log(`(${inputs.madeOnDemand} inputs were made during the load)`);
  return report.ok ? 0 : 1;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 2;
  })
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  });
