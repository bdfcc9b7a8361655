import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { closeDb, db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import type { OrderStatus, Role } from "@/lib/generated/prisma/enums";
import { stopJobRunner } from "@/lib/jobs/runner";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { useSectigoClient as setSectigoClient } from "@/lib/orders/lifecycle/send";
import { submitOrder, type SubmitResult } from "@/lib/orders/commands/submit";
import type { FieldErrors } from "@/lib/field-errors";
import { isRefusal, type RefusalCode } from "@/lib/refusal";
import { createSectigoClient, type SectigoClient } from "@/lib/sectigo/client";
import { getProduct } from "@/lib/sectigo/products";
import type { OrderInput } from "@/lib/sectigo/schema";
import { createUser, type SessionUser } from "@/lib/users/data";
import { startSandbox, type FaultConfig, type RunningSandbox, type SandboxOrder } from "@/sandbox/server";
import { makeCsr } from "@/tests/support/csr";
import { setEnv, createTestDatabase } from "@/tests/support/database";
import type { TestCsrs } from "@/tests/sectigo/support/csrs";
import { minimalInput } from "@/tests/sectigo/support/orders";

// The order lifecycle against real services: a PostgreSQL database of its own (dropped at the
// end), the sandbox CA on a free port over real HTTP, and the real Sectigo client.

export interface Testbed {
  sandbox: RunningSandbox;
  client: SectigoClient;
  input: OrderInput;
  /** Empties the portal's tables (TRUNCATE passes the append-only audit trigger). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export { setEnv };

export async function startTestbed(
  prefix: string,
  options: { timeoutMs?: number; database?: "postgres" | "pglite" } = {},
): Promise<Testbed> {
  const saved = { ...process.env };
  setEnv({ RETRY_MAX_ATTEMPTS: "3", RETRY_BASE_DELAY_MS: "200", JOBS_ENABLED: "0" });
  const database = await createTestDatabase(prefix, options.database ?? "postgres");
  const sandbox = await startSandbox({ port: 0, balance: 1_000_000, successCode: 0, faults: {} });
  const client = createSectigoClient({
    baseUrl: sandbox.url,
    loginName: sandbox.loginName,
    loginPassword: sandbox.loginPassword,
    timeoutMs: options.timeoutMs ?? 3_000,
  });
  setSectigoClient(client);
  const person = await makeCsr({ subject: { commonName: "Example GmbH Seal" } });
  const input = minimalInput(getProduct(781)!, { person } as TestCsrs);

  return {
    sandbox,
    client,
    input,
    async reset() {
      await database.reset();
      await setFaults(sandbox, {});
    },
    async close() {
      await stopJobRunner();
      setSectigoClient(undefined);
      await closeDb();
      await client.close();
      await sandbox.close();
      process.env = saved;
      resetEnvCache();
      await database.drop();
    },
  };
}

let counter = 0;
export function newUser(role: Role): Promise<SessionUser> {
  counter += 1;
  return createUser({
    email: `${role.toLowerCase()}-${counter}-${randomUUID()}@example.com`,
    name: `${role.toLowerCase()} ${counter}`,
    password: "a long enough password",
    role,
  });
}

/** The sandbox's fault switch, over its HTTP API like any other client would use it. */
export async function setFaults(sandbox: RunningSandbox, faults: FaultConfig): Promise<void> {
  const response = await fetch(`${sandbox.url}/sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`setting faults: HTTP ${response.status}`);
}

/** Orders the sandbox CA holds for one external order number. */
export async function sandboxOrders(sandbox: RunningSandbox, fon: string): Promise<SandboxOrder[]> {
  const response = await fetch(`${sandbox.url}/sandbox/orders?foreignOrderNumber=${encodeURIComponent(fon)}`);
  if (!response.ok) throw new Error(`listing sandbox orders: HTTP ${response.status}`);
  return (await response.json()) as SandboxOrder[];
}

/**
 * submitOrder with its refusals as the answer the action gives ({ ok: false, message,
 * fieldErrors }), so a test can assert on either outcome; anything unexpected still throws.
 */
export async function submitAs(
  user: SessionUser,
  request: Parameters<typeof submitOrder>[1],
): Promise<
  ({ ok: true } & SubmitResult) | { ok: false; message: string; fieldErrors: FieldErrors; code: RefusalCode }
> {
  try {
    return { ok: true, ...(await submitOrder(user, request)) };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors, code: error.code };
  }
}

/** A customer's order sent through the wizard's submission; returns it as stored afterwards. */
export async function submitNewOrder(customer: SessionUser, input: OrderInput) {
  const draft = await createDraft(customer, input as DraftInput, "review", false);
  const result = await submitAs(customer, { orderId: draft.id, input: input as DraftInput, test: false });
  if (!result.ok)
    throw new Error(`submission refused: ${result.message} ${JSON.stringify(result.fieldErrors)}`);
  return orderRow(draft.id);
}

export async function orderRow(orderId: string) {
  const prisma = await db();
  return prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      status: true,
      version: true,
      externalOrderNumber: true,
      sectigoOrderNumber: true,
      retryCount: true,
      nextRetryAt: true,
      failureClass: true,
    },
  });
}

export async function attemptsOf(orderId: string) {
  const prisma = await db();
  return prisma.orderAttempt.findMany({
    where: { orderId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      trigger: true,
      outcome: true,
      httpStatus: true,
      errorClass: true,
      triggeredById: true,
      request: true,
    },
  });
}

export async function auditOf(orderId: string) {
  const prisma = await db();
  return prisma.auditEvent.findMany({
    where: { orderId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { actorId: true, action: true, reason: true, details: true },
  });
}

/** Polls the order until it reaches one of the states (automatic retries run in the background). */
export async function waitForStatus(orderId: string, statuses: OrderStatus[], timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await orderRow(orderId);
    if (statuses.includes(order.status)) return order;
    if (Date.now() > deadline)
      throw new Error(`order stayed ${order.status}, expected ${statuses.join(" or ")}`);
    await sleep(100);
  }
}
