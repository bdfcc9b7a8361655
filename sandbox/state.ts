import { randomBytes } from "node:crypto";
import type { ProductCode } from "@/lib/sectigo/products";
import type { EndpointKey } from "@/lib/sectigo/after-ordering";
import type { SandboxCa } from "./ca";
import { takeFault, type AppliedFault, type FaultConfig, type FaultTarget } from "./faults";
import type { Lifecycle } from "./lifecycle";
import type { PriceTable } from "./prices";
import type { PushRecord } from "./push";
import { loadStore, saveStore } from "./store";

export interface SandboxSettings {
  loginName: string;
  loginPassword: string;
  balance: number;
  prices: PriceTable;
  successCode: 0 | 1;
  faults: FaultConfig;
  /** The sandbox's answer code for a reused foreignOrderNumber (Sectigo's is unknown). */
  duplicateFonCode: number;
  /** Time between validation steps; 0 = steps move only by POST /sandbox/orders/<n>/advance. */
  stepDelayMs: number;
  /** host:port where HTTP DCV files are fetched (with the domain as Host); unset = pass by time. */
  dcvHttpTarget?: string;
  /** Where issuance, rejection and revocation pushes go; unset = none. */
  pushUrl?: string;
  /** Directory of the JSON file keeping orders and the CA; unset = memory only. */
  dataDir?: string;
  /** Pause before the n-th retry of a failed push: n times this (default 500 ms). */
  pushRetryDelayMs?: number;
}

/** Endpoints counted per call: the order endpoint and every after-ordering endpoint. */
export type CountedEndpoint = "autoApplyOrder" | EndpointKey;

export interface SandboxOrder {
  orderNumber: string;
  certificateId: string;
  certificateState: string;
  uniqueValue?: string;
  /** SHA-256 of the DER CSR plus the unique value, for QWAC domain validation (spec row 9). */
  requestToken?: string;
  product: ProductCode;
  days: number;
  status: 0 | 1;
  totalCost: string;
  test: boolean;
  foreignOrderNumber?: string;
  placedAt: string;
  /** The parameters as received, without the credentials. */
  params: Record<string, string>;
  /** Validation steps, DCV, issuance, revocation. */
  lifecycle: Lifecycle;
  /** Calls per after-ordering endpoint that named this order. */
  calls: Partial<Record<CountedEndpoint, number>>;
}

// Numbers in the range of Sectigo's own examples (order 3040824 in spec §4.1).
const FIRST_ORDER_NUMBER = 3_040_824;

/**
 * A 16-digit certificate ID like Sectigo's. Random rather than counted, so that a restarted or
 * reset sandbox does not hand out IDs the portal already stored for earlier orders.
 */
function randomCertificateId(): string {
  const digits = randomBytes(16);
  return [1 + (digits[0]! % 9), ...[...digits.subarray(1)].map((b) => b % 10)].join("");
}

/** Everything the sandbox CA remembers: in memory, and in dataDir when one is given. */
export class SandboxState {
  orders: SandboxOrder[] = [];
  /** Requests to the order endpoint, including rejected and faulted ones. */
  requestCount = 0;
  /** TCP connections accepted, to check that clients reuse them. */
  connectionCount = 0;
  balance = 0;
  successCode: 0 | 1 = 0;
  faults: FaultConfig = {};
  /** Faults aimed at one after-ordering endpoint (POST /sandbox/faults with `endpoint`). */
  endpointFaults: Partial<Record<FaultTarget, FaultConfig>> = {};
  /** Calls per endpoint, including refused and faulted ones. */
  calls: Partial<Record<CountedEndpoint, number>> = {};
  pushes: PushRecord[] = [];
  /** Set once at start (startSandbox); issuance needs it. */
  ca?: SandboxCa;
  /** The sandbox's own base URL, for the upload links it hands out. */
  publicUrl = "";
  private nextOrderNumber = FIRST_ORDER_NUMBER;
  /** Every certificate ID this process handed out, kept across resets so none repeats. */
  private readonly certificateIds = new Set<string>();

  constructor(readonly settings: SandboxSettings) {
    this.reset();
  }

  reset(): void {
    this.orders = [];
    this.requestCount = 0;
    this.connectionCount = 0;
    this.balance = this.settings.balance;
    this.successCode = this.settings.successCode;
    this.faults = { ...this.settings.faults };
    this.endpointFaults = {};
    this.calls = {};
    this.pushes = [];
    this.nextOrderNumber = FIRST_ORDER_NUMBER;
    this.save();
  }

  /** Reads orders and the CA kept in dataDir, if any; returns the stored CA. */
  load(): ReturnType<typeof loadStore> {
    if (!this.settings.dataDir) return undefined;
    const stored = loadStore(this.settings.dataDir);
    if (!stored) return undefined;
    this.orders = stored.orders;
    this.nextOrderNumber = stored.nextOrderNumber;
    for (const order of stored.orders) this.certificateIds.add(order.certificateId);
    return stored;
  }

  private flushTimer?: NodeJS.Timeout;

  /**
   * Marks the state for writing to dataDir. Writes are coalesced (at most one per 100 ms), as
   * the whole file is rewritten each time; close() flushes what is pending.
   */
  save(): void {
    if (!this.settings.dataDir || !this.ca || this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), 100);
    this.flushTimer.unref();
  }

  /** Writes orders and the CA to dataDir now (atomically); nothing without a dataDir. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.settings.dataDir || !this.ca) return;
    saveStore(this.settings.dataDir, {
      version: 1,
      nextOrderNumber: this.nextOrderNumber,
      orders: this.orders,
      ca: this.ca.stored,
    });
  }

  find(orderNumber: string | null | undefined): SandboxOrder | undefined {
    return orderNumber ? this.orders.find((o) => o.orderNumber === orderNumber.trim()) : undefined;
  }

  count(endpoint: CountedEndpoint, order?: SandboxOrder): void {
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;
    if (order) order.calls[endpoint] = (order.calls[endpoint] ?? 0) + 1;
  }

  takeEndpointFault(target: FaultTarget): AppliedFault {
    const config = this.endpointFaults[target];
    if (!config) return { latencyMs: 0, mode: "none" };
    const { applied, next } = takeFault(config);
    if (Object.keys(next).length === 0) delete this.endpointFaults[target];
    else this.endpointFaults[target] = next;
    return applied;
  }

  allocateNumbers(): { orderNumber: string; certificateId: string } {
    let certificateId = randomCertificateId();
    while (this.certificateIds.has(certificateId)) certificateId = randomCertificateId();
    this.certificateIds.add(certificateId);
    return { orderNumber: String(this.nextOrderNumber++), certificateId };
  }

  ordersFor(foreignOrderNumber: string): SandboxOrder[] {
    return this.orders.filter((o) => o.foreignOrderNumber === foreignOrderNumber);
  }

  takeFault(): AppliedFault {
    const { applied, next } = takeFault(this.faults);
    this.faults = next;
    return applied;
  }
}
