import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { E2E_SECTIGO_PASSWORD, SERVER_LOG } from "./secrets";
import { SANDBOX } from "./wizard";

// Real outages for the resilience spec without touching the shared PostgreSQL or the run's own
// portal: a portal process of the spec's own whose database connection goes through a TCP proxy
// the spec controls (cut = database down), and which the spec can kill and start again.

const SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A TCP proxy to PostgreSQL; `cut()` drops every connection and refuses new ones. */
export class DatabaseProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private down = false;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.down) {
        client.destroy();
        return;
      }
      const upstream = connect(5432, "127.0.0.1");
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A fresh database on the shared server, reached by the portal only through the proxy. */
export async function createDatabase(name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await onServer(`CREATE DATABASE "${name}"`);
  const direct = `postgresql://postgres@127.0.0.1:5432/${name}`;
  async function query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: direct });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }
  return { name, query, drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** The production build under `next start`, in a process group of its own. */
export class PortalProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(dirname(SERVER_LOG), { recursive: true });
    // Appended to the run's server log, so the final secret sweep reads this portal's lines too.
    const log = createWriteStream(SERVER_LOG, { flags: "a" });
    const child = spawn(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", String(this.port), "-H", "127.0.0.1"],
      {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          AUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
          AUTH_URL: this.url,
          DATABASE_URL: this.databaseUrl,
          SECTIGO_API_URL: SANDBOX,
          SECTIGO_LOGIN_NAME: "sandbox-reseller",
          SECTIGO_LOGIN_PASSWORD: E2E_SECTIGO_PASSWORD,
          SECTIGO_TEST_MODE_ALLOWED: "1",
          SECTIGO_TIMEOUT_MS: "5000",
          RETRY_MAX_ATTEMPTS: "0",
          JOBS_ENABLED: "0",
          LOG_LEVEL: "debug",
        },
      },
    );
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.child = child;
    this.exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    void this.exited.then(() => log.end());
    let alive = true;
    void this.exited.then(() => (alive = false));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (!alive) throw new Error(`the spec's portal exited during start-up; see ${SERVER_LOG}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error("the spec's portal did not become healthy in time");
  }

  /** SIGKILL to the whole process group: the portal dies as in a crash, mid-request. */
  async kill(): Promise<void> {
    if (!this.child?.pid || !this.running) return;
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await this.exited;
  }
}
