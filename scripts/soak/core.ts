import { setTimeout as sleep } from "node:timers/promises";
import type { ActionIds } from "./action-ids";
import { checkInvariants, type CheckResult, type Submission } from "./invariants";
import { placeOrder, startSession, type Account } from "./customer";
import type { PortalClient } from "./portal-client";
import type { InputPool } from "./order-inputs";
import type { AttemptSummary, OrderSource, PortalOrder } from "./order-source";
import { HttpLog, keepAliveAgent } from "./portal-client";
import { listCaOrders, type FaultDriver } from "./sandbox";
import { compareMetrics, scrapeMetrics, type Samples } from "./metrics";
import { AT_CA } from "@/lib/orders/model/transitions";

// The soak itself, independent of how the portal and the CA were started: customers sign in (or
// up) over HTTP, then for a bounded time each places orders one after another through the
// wizard's own server actions while the CA misbehaves; then the faults stop, queued retries get
// time to settle, and the invariants are checked against the database and the CA.

export type { Account } from "./customer";

export interface SoakOptions {
  baseUrl: string;
  sandboxUrl: string;
  actionIds: ActionIds;
  /** One account per simulated customer. */
  accounts: Account[];
  /**
   * Create the accounts through the sign-up form and confirm each address with the link mailed
   * to it, read by this admin on /admin/mail (the demo mail catcher); false: they exist and sign in.
   */
  register: false | { admin: PortalClient };
  durationMs: number;
  /** Valid order inputs, each used for one order. */
  inputs: InputPool;
  /** Stops the load after this many orders (bounds what the soak leaves behind). */
  maxOrders?: number;
  faults: FaultDriver;
  /** Longest wait after the load for orders to leave SUBMITTING and RETRY_SCHEDULED. */
  drainMs: number;
  orders: OrderSource;
  /** Sent as the wizard's test-order switch. */
  test?: boolean;
  /** The portal's /metrics token: its counters are compared with the soak's counts at the end. */
  metricsToken?: string;
  log?: (line: string) => void;
}

export interface SoakReport {
  customers: number;
  loadSeconds: number;
  drainSeconds: number;
  submissions: Submission[];
  submitLatencyMs: number[];
  byStatus: Record<string, number>;
  caOrders: number;
  duplicates: number;
  httpStatuses: Record<string, number>;
  serverErrors: number;
  faultsInjected: Record<string, number> | null;
  attempts: AttemptSummary | null;
  checks: CheckResult[];
  ok: boolean;
}

const PENDING_STATES = ["SUBMITTING", "RETRY_SCHEDULED"];

async function drain(options: SoakOptions, numbers: string[]): Promise<PortalOrder[]> {
  const deadline = Date.now() + options.drainMs;
  for (;;) {
    const orders = await options.orders.orders(numbers);
    const waiting = orders.filter((o) => PENDING_STATES.includes(o.status)).length;
    if (waiting === 0 || Date.now() >= deadline) return orders;
    options.log?.(`  draining: ${waiting} order(s) submitting or awaiting a retry`);
    await sleep(1_000);
  }
}

/** Runs the load, the drain and the checks; never throws for a failed invariant, only reports it. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const http = new HttpLog();
  const agent = keepAliveAgent(Math.max(8, options.accounts.length * 2));
  try {
    const caBefore = (await listCaOrders(options.sandboxUrl)).length;
    // Before the soak's first request to the portal: the counters' starting point.
    const metricsBefore: Samples | null = options.metricsToken
      ? await scrapeMetrics(options.baseUrl, options.metricsToken)
      : null;
    const session = {
      ...options,
      signUpActionId: options.actionIds.signUp,
      verifyEmailActionId: options.actionIds.verifyEmail,
    };
    const customers = await Promise.all(
      options.accounts.map(async (account) => ({
        account,
        client: await startSession(account, session, agent, http),
      })),
    );
    log(`${customers.length} customers signed in; load for ${options.durationMs / 1000} s`);

    const submissions: Submission[] = [];
    const latencies: number[] = [];
    const maxOrders = options.maxOrders ?? Infinity;
    let taken = 0;
    await options.faults.start();
    const started = performance.now();
    const deadline = Date.now() + options.durationMs;
    const progress = setInterval(() => log(`  ${submissions.length} orders submitted`), 10_000);
    try {
      await Promise.all(
        customers.map(async ({ account, client }) => {
          while (Date.now() < deadline && taken < maxOrders) {
            taken += 1;
            const input = await options.inputs.take();
            try {
              submissions.push(
                await placeOrder(
                  client,
                  options.actionIds,
                  account.email,
                  input,
                  options.test ?? false,
                  latencies,
                ),
              );
            } catch (error) {
              // No order number came back: nothing to check but the HTTP log, which holds the cause.
              log(`  ${account.email}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
        }),
      );
    } finally {
      clearInterval(progress);
      await options.faults.stop();
    }
    const loadSeconds = (performance.now() - started) / 1000;
    log(`load done: ${submissions.length} orders in ${loadSeconds.toFixed(1)} s; faults off, draining`);

    const drainStarted = performance.now();
    const numbers = submissions.map((s) => s.externalOrderNumber);
    const settled = await drain(options, numbers);
    const drainSeconds = (performance.now() - drainStarted) / 1000;

    const caOrders = (await listCaOrders(options.sandboxUrl)).slice(caBefore);
    const caNumbers = caOrders.flatMap((o) => (o.foreignOrderNumber ? [o.foreignOrderNumber] : []));
    const known = new Set(numbers);
    const others = await options.orders.orders(caNumbers.filter((n) => !known.has(n)));
    const portalOrders = [...settled, ...others];
    const checks = checkInvariants({ submissions, portalOrders, caOrders, http });
    const attempts = await options.orders.attempts(numbers);
    if (metricsBefore && options.metricsToken) {
      const metricsAfter = await scrapeMetrics(options.baseUrl, options.metricsToken);
      checks.push(
        compareMetrics(metricsBefore, metricsAfter, {
          ordersAtCa: settled.filter((o) => (AT_CA as readonly string[]).includes(o.status)).length,
          atCaStatuses: AT_CA,
          sends: attempts?.byHttpClass ?? null,
          httpStatuses: Object.fromEntries([...http.statuses].map(([s, n]) => [String(s), n])),
        }),
      );
    }

    const byStatus: Record<string, number> = {};
    for (const o of settled) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    const perFon = new Map<string, number>();
    for (const n of caNumbers) perFon.set(n, (perFon.get(n) ?? 0) + 1);
    return {
      customers: customers.length,
      loadSeconds,
      drainSeconds,
      submissions,
      submitLatencyMs: latencies,
      byStatus,
      caOrders: caOrders.length,
      duplicates: [...perFon.values()].filter((n) => n > 1).length,
      httpStatuses: Object.fromEntries([...http.statuses].sort(([a], [b]) => a - b)),
      serverErrors: http.serverErrors(),
      faultsInjected: options.faults.injected(),
      attempts,
      checks,
      ok: checks.every((c) => c.ok),
    };
  } finally {
    await agent.close();
  }
}
