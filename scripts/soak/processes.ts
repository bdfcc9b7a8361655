import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

// The soak's own resources: a database created and dropped on the PostgreSQL server, and the
// portal as a production server in a process group of its own, so that stopping it also stops
// anything it started and no process outlives the soak.

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the server `serverUrl` names (any database of it). */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export interface RunningPortal {
  url: string;
  stop(): Promise<void>;
  /** Synchronous last resort for process exit handlers. */
  kill(): void;
}

/**
 * The production server (scripts/serve.mjs, as `npm start` runs it: request ids, /metrics'
 * HTTP counts) on the existing build; resolves once /api/health answers 200.
 */
export async function startPortal(options: {
  port: number;
  env: Record<string, string>;
  logFile: string;
  readyTimeoutMs?: number;
}): Promise<RunningPortal> {
  const url = `http://127.0.0.1:${options.port}`;
  const log = createWriteStream(options.logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    ["scripts/serve.mjs", "-p", String(options.port), "-H", "127.0.0.1"],
    { env: { ...process.env, ...options.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));

  const signal = (name: NodeJS.Signals) => {
    if (alive && child.pid) {
      try {
        process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    }
  };
  const portal: RunningPortal = {
    url,
    kill: () => signal("SIGKILL"),
    async stop() {
      signal("SIGTERM");
      const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!stopped) {
        signal("SIGKILL");
        await exited;
      }
      log.end();
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (!alive) throw new Error(`the portal exited during start-up; see ${options.logFile}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return portal;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await portal.stop();
  throw new Error(`the portal did not become healthy in time; see ${options.logFile}`);
}
