import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { closeDb, db } from "@/lib/db";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { replayJournal } from "@/lib/orders/lifecycle/journal";
import type { SessionUser } from "@/lib/users/data";
import {
  newUser,
  sandboxOrders,
  setEnv,
  setFaults,
  startTestbed,
  submitAs,
  type Testbed,
} from "./order-harness";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

// The data layer runs outside a Next request: no session to read (submit.ts reaches the guards).
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

// "Database down while the CA answers": Sectigo places the order and answers, but the portal
// cannot write the answer. The answer is journalled to disk first, so the order still ends
// PLACED with Sectigo's order number, once the database is back or after a restart, with one
// order at the CA. The database really goes away: the portal reaches it through a TCP proxy
// that the test cuts while the sandbox CA is answering.

let bed: Testbed;
let proxy: TcpProxy;
let direct: pg.Client;
let directUrl: string;
let proxiedUrl: string;
let journalDir: string;
let customer: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("journal", { timeoutMs: 20_000 });
  directUrl = process.env.DATABASE_URL!;
  const url = new URL(directUrl);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${proxy.port}`;
  proxiedUrl = url.toString();
  direct = new pg.Client({ connectionString: directUrl });
  await direct.connect();
  journalDir = await mkdtemp(path.join(os.tmpdir(), "journal-"));
  setEnv({ JOURNAL_DIR: journalDir, RETRY_MAX_ATTEMPTS: "0" });
});
afterAll(async () => {
  await direct?.end();
  await bed?.close();
  await proxy?.close();
  await rm(journalDir, { recursive: true, force: true });
});
beforeEach(async () => {
  proxy.restore();
  await closeDb();
  setEnv({ DATABASE_URL: directUrl });
  await bed.reset();
  customer = await newUser("CUSTOMER");
});
afterEach(() => proxy.restore());

/** The order as the database has it, read past the proxy. */
async function stored(orderId: string) {
  const { rows } = await direct.query<{ status: string; sectigoOrderNumber: string | null }>(
    `SELECT status::text, "sectigoOrderNumber" FROM "Order" WHERE id = $1`,
    [orderId],
  );
  const attempts = await direct.query<{ outcome: string }>(
    `SELECT outcome::text FROM "OrderAttempt" WHERE "orderId" = $1`,
    [orderId],
  );
  return { ...rows[0]!, attempts: attempts.rows.map((a) => a.outcome) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function journalFiles(): Promise<string[]> {
  return (await readdir(journalDir)).filter((name) => name.endsWith(".json"));
}

describe("a CA answer the database could not take", () => {
  test("the database goes down while the CA answers: the order ends PLACED with Sectigo's number once it is back", async () => {
    const draft = await createDraft(customer, bed.input as DraftInput, "review", false);
    // From here on the portal reaches the database only through the proxy.
    await closeDb();
    setEnv({ DATABASE_URL: proxiedUrl });
    await setFaults(bed.sandbox, { latencyMs: 2_000, remaining: 1 });
    const submitted = submitAs(customer, {
      orderId: draft.id,
      input: bed.input as DraftInput,
      test: false,
    }).catch((error: unknown) => error);

    const [atSectigo] = await until("the CA to place the order", async () => {
      const orders = await sandboxOrders(bed.sandbox, draft.externalOrderNumber);
      return orders.length === 1 ? orders : undefined;
    });
    proxy.cut();
    await submitted;

    // The database never heard the answer; the journal has it, without the reseller password.
    expect(await stored(draft.id)).toMatchObject({ status: "SUBMITTING", sectigoOrderNumber: null });
    const files = await journalFiles();
    expect(files).toHaveLength(1);
    const entry = await readFile(path.join(journalDir, files[0]!), "utf8");
    expect(entry).toContain(atSectigo!.orderNumber);
    expect(entry).not.toContain(bed.sandbox.loginPassword);

    proxy.restore();
    const placed = await until("the journalled answer to reach the database", async () => {
      const order = await stored(draft.id);
      return order.status === "SUBMITTING" ? undefined : order;
    });
    expect(placed).toEqual({
      status: "PLACED",
      sectigoOrderNumber: atSectigo!.orderNumber,
      attempts: ["PLACED"],
    });
    expect(await sandboxOrders(bed.sandbox, draft.externalOrderNumber)).toHaveLength(1);
    await until("the journal entry to be removed", async () =>
      (await journalFiles()).length === 0 ? true : undefined,
    );
  }, 90_000);

  test("the process is killed after the CA answered, before the database had it: start-up replays the answer", async () => {
    const draft = await createDraft(customer, bed.input as DraftInput, "review", false);
    await setFaults(bed.sandbox, { latencyMs: 2_000, remaining: 1 });
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/integration/recovery-child.ts"],
      {
        env: {
          ...process.env,
          DATABASE_URL: proxiedUrl,
          JOURNAL_DIR: journalDir,
          ORDER_ID: draft.id,
          OWNER_ID: customer.id,
          SANDBOX_URL: bed.sandbox.url,
          SANDBOX_LOGIN: bed.sandbox.loginName,
          SANDBOX_PASSWORD: bed.sandbox.loginPassword,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, "exit");
    try {
      const [atSectigo] = await until(
        "the CA to place the order",
        async () => {
          const orders = await sandboxOrders(bed.sandbox, draft.externalOrderNumber);
          return orders.length === 1 ? orders : undefined;
        },
        60_000,
      );
      proxy.cut();
      await until("the answer to be journalled", async () =>
        (await journalFiles()).length === 1 ? true : undefined,
      );
      child.kill("SIGKILL");
      expect((await exited)[1]).toBe("SIGKILL");
      expect(output).not.toContain("answered");
      expect(await stored(draft.id)).toMatchObject({ status: "SUBMITTING" });

      // The restart (the database is reachable again).
      proxy.restore();
      await bootstrap();
      expect(await stored(draft.id)).toEqual({
        status: "PLACED",
        sectigoOrderNumber: atSectigo!.orderNumber,
        attempts: ["PLACED"],
      });
      expect(await sandboxOrders(bed.sandbox, draft.externalOrderNumber)).toHaveLength(1);
      expect(await journalFiles()).toEqual([]);
      // Replaying again changes nothing.
      await bootstrap();
      expect((await stored(draft.id)).status).toBe("PLACED");
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`${(error as Error).message}; child output:\n${output}`);
    }
  }, 120_000);
});

describe("two instances sharing the journal folder", () => {
  test("an entry that disappears while a replay lists the folder (the other instance finished it) is neither an error nor kept", async () => {
    // A dangling link is what a replay meets when another instance removes the file between
    // listing the folder and reading it.
    const gone = path.join(journalDir, "00000000-0000-4000-8000-000000000000.json");
    await symlink(path.join(journalDir, "removed-by-the-other-instance.json"), gone);
    try {
      const result = await replayJournal(await db());
      expect(result).toEqual({ applied: 0, recorded: 0, kept: 0 });
    } finally {
      await rm(gone, { force: true });
    }
  });
});
