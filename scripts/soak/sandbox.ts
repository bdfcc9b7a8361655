import type { SandboxState } from "@/sandbox/server";
import type { AppliedFault, FaultMode } from "@/sandbox/faults";

// The CA side of the soak: reading the sandbox's orders, and switching its faults on and off.

export const FAULT_KINDS = [
  "http500",
  "http503",
  "malformed",
  "drop-after-place",
] as const satisfies readonly FaultMode[];
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface CaOrder {
  orderNumber: string;
  foreignOrderNumber?: string;
}

/** Every order the sandbox CA holds, oldest first. */
export async function listCaOrders(sandboxUrl: string): Promise<CaOrder[]> {
  const response = await fetch(`${sandboxUrl}/sandbox/orders`);
  if (!response.ok) throw new Error(`GET /sandbox/orders: HTTP ${response.status}`);
  return (await response.json()) as CaOrder[];
}

export interface FaultPlan {
  /** Share of order requests that meet a fault, 0 … 1. */
  rate: number;
  latencyMs: number;
  kinds: readonly FaultKind[];
}

export interface FaultDriver {
  start(): Promise<void>;
  /** Faults off; the CA answers normally from here on. */
  stop(): Promise<void>;
  /** Faults injected by kind, when the driver can count them. */
  injected(): Record<string, number> | null;
}

async function postFaults(sandboxUrl: string, body: object): Promise<void> {
  const response = await fetch(`${sandboxUrl}/sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /sandbox/faults: HTTP ${response.status} ${await response.text()}`);
}

/**
 * Faults through the sandbox's admin API, for a sandbox in another process. The sandbox holds one
 * fault mode at a time, so the mode rotates every `windowMs`; its latency applies to faulted
 * requests only (the sandbox's `rate` gates both). The sandbox does not count what it injected.
 */
export function httpFaults(sandboxUrl: string, plan: FaultPlan, windowMs = 1_000): FaultDriver {
  let timer: NodeJS.Timeout | undefined;
  let turn = 0;
  let pending: Promise<void> = Promise.resolve();
  const next = () => {
    const mode = plan.kinds[turn++ % plan.kinds.length];
    pending = pending.then(() =>
      postFaults(sandboxUrl, { mode, rate: plan.rate, latencyMs: plan.latencyMs }),
    );
    return pending;
  };
  return {
    async start() {
      if (plan.rate <= 0 || plan.kinds.length === 0) return;
      await next();
      timer = setInterval(() => void next().catch(() => {}), windowMs);
    },
    async stop() {
      clearInterval(timer);
      await pending.catch(() => {});
      await postFaults(sandboxUrl, {});
    },
    injected: () => null,
  };
}

/**
 * Faults decided per request inside an in-process sandbox: every kind mixed at once at the given
 * rate, latency on every request, and an exact count of what was injected. It takes over the
 * state's fault decision (the sandbox has no hook for it) while the soak's load runs.
 */
export function inProcessFaults(state: SandboxState, plan: FaultPlan, random = Math.random): FaultDriver {
  const counts: Record<string, number> = Object.fromEntries(plan.kinds.map((k) => [k, 0]));
  const original = state.takeFault.bind(state);
  let active = false;
  state.takeFault = (): AppliedFault => {
    if (!active) return original();
    if (plan.kinds.length === 0 || random() >= plan.rate) return { mode: "none", latencyMs: plan.latencyMs };
    const mode = plan.kinds[Math.floor(random() * plan.kinds.length)]!;
    counts[mode] = (counts[mode] ?? 0) + 1;
    return { mode, latencyMs: plan.latencyMs };
  };
  return {
    async start() {
      active = true;
    },
    async stop() {
      active = false;
      state.faults = {};
    },
    injected: () => ({ ...counts }),
  };
}
