import { spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { db } from "@/lib/db";
import { startJobRunner } from "@/lib/jobs/runner";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { recoverInterruptedSubmissions, staleSubmissionAfterMs } from "@/lib/orders/lifecycle/recovery";
import { retryOrder } from "@/lib/orders/commands/retry";
import type { SessionUser } from "@/lib/users/data";
import {
  attemptsOf,
  auditOf,
  newUser,
  orderRow,
  sandboxOrders,
  setEnv,
  setFaults,
  startTestbed,
  waitForStatus,
  type Testbed,
} from "./order-harness";

// The data layer runs outside a Next request: no session to read (submit.ts reaches the guards).
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

// A real portal process is killed (SIGKILL) while it waits for Sectigo's answer; the order it
// claimed stays SUBMITTING. Start-up recovery must find it, and the retry that follows must not
// create a second order at the CA (the killed process's request did reach it).

let bed: Testbed;
let customer: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("recovery");
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  customer = await newUser("CUSTOMER");
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Spawns a portal process that sends a new order, and kills it once Sectigo has the order. */
async function killMidSubmission() {
  const draft = await createDraft(customer, bed.input as DraftInput, "review", false);
  // Sectigo places the order at once but answers only after a minute.
  await setFaults(bed.sandbox, { latencyMs: 60_000, remaining: 1 });
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/recovery-child.ts"],
    {
      env: {
        ...process.env,
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
    // The child's start-up (tsx compiling the portal's modules) alone can take 20 s on a loaded machine.
    await until(
      "the CA to receive the order",
      async () =>
        (await sandboxOrders(bed.sandbox, draft.externalOrderNumber)).length === 1 ? true : undefined,
      60_000,
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}; child output:\n${output}`);
  }
  expect((await orderRow(draft.id)).status).toBe("SUBMITTING");
  child.kill("SIGKILL");
  const [code, signal] = await exited;
  expect({ code, signal }).toEqual({ code: null, signal: "SIGKILL" });
  expect(output).not.toContain("answered");
  await setFaults(bed.sandbox, {});
  return draft;
}

/** Moves the interrupted attempt back in time, past the client's timeout plus the margin. */
async function letTimePass(orderId: string): Promise<void> {
  const prisma = await db();
  await prisma.orderAttempt.updateMany({
    where: { orderId },
    data: { startedAt: new Date(Date.now() - staleSubmissionAfterMs() - 1_000) },
  });
}

describe("crash recovery", () => {
  test("a process killed mid-submission is recovered at start-up; a retry then leaves one order at Sectigo", async () => {
    setEnv({ RETRY_MAX_ATTEMPTS: "0" });
    const order = await killMidSubmission();
    const prisma = await db();

    // Too early to tell a dead process from a slow CA: nothing is touched yet.
    expect(await recoverInterruptedSubmissions(prisma)).toEqual([]);
    expect((await orderRow(order.id)).status).toBe("SUBMITTING");

    await letTimePass(order.id);
    await bootstrap();

    const recovered = await orderRow(order.id);
    expect(recovered.status).toBe("OUTCOME_UNKNOWN");
    const [attempt] = await attemptsOf(order.id);
    expect(attempt).toMatchObject({
      trigger: "CUSTOMER",
      outcome: "UNKNOWN",
      errorClass: "recovery:process-stopped",
    });
    expect(await auditOf(order.id)).toEqual([
      expect.objectContaining({
        actorId: null,
        action: "order.submission_recovered",
        details: expect.objectContaining({ attemptId: attempt!.id, status: "OUTCOME_UNKNOWN" }),
      }),
    ]);

    const support = await newUser("SUPPORT");
    const retried = await retryOrder(support, {
      orderId: order.id,
      version: recovered.version,
      reason: "Recovered after a restart; checking with Sectigo",
    });
    expect(retried.status).toBe("NEEDS_RECONCILIATION");
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  }, 90_000);

  test("with automatic retries on, the recovered order is retried by the worker, safely", async () => {
    setEnv({ RETRY_MAX_ATTEMPTS: "2" });
    const order = await killMidSubmission();
    await letTimePass(order.id);

    const [recovered] = await recoverInterruptedSubmissions(await db());
    expect(recovered).toMatchObject({ orderId: order.id, status: "RETRY_SCHEDULED" });

    await startJobRunner({ pollingIntervalSeconds: 0.5 });
    const settled = await waitForStatus(order.id, [
      "NEEDS_RECONCILIATION",
      "PLACED",
      "OUTCOME_UNKNOWN",
      "FAILED_TRANSIENT",
    ]);
    expect(settled.status).toBe("NEEDS_RECONCILIATION");
    expect((await attemptsOf(order.id)).map((a) => [a.trigger, a.outcome])).toEqual([
      ["CUSTOMER", "UNKNOWN"],
      ["RECOVERY", "CA_ERROR"],
    ]);
    expect(await sandboxOrders(bed.sandbox, order.externalOrderNumber)).toHaveLength(1);
  }, 90_000);
});
