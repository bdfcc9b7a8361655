import { currentOrderId, currentRequestId } from "@/lib/observability/request-context.mjs";
import type { EndpointKey } from "./after-ordering";
import type { AUTO_APPLY_ORDER_KEY } from "./endpoint";

// What the CA client tells the portal about each call it made, once the answer is read: the
// endpoint's registry key, how it went and how long it took. The client knows no database; the
// portal installs a sink at start-up (lib/observability/sectigo-call-log.ts) that stores the
// records. Without a sink (unit tests, scripts) a record goes nowhere.

export type SectigoEndpointKey = typeof AUTO_APPLY_ORDER_KEY | EndpointKey;

/** ok: an answer that was read; ca-error: Sectigo refused (caCode); the rest: no usable answer. */
export const CALL_OUTCOMES = [
  "ok",
  "ca-error",
  "timeout",
  "network",
  "aborted",
  "http-status",
  "malformed",
] as const;
export type SectigoCallOutcome = (typeof CALL_OUTCOMES)[number];

/** Outcomes where Sectigo gave no usable answer: what the failure-rate alert counts. */
export const FAILED_OUTCOMES: readonly SectigoCallOutcome[] = [
  "timeout",
  "network",
  "http-status",
  "malformed",
];

export interface SectigoCallRecord {
  at: Date;
  endpoint: SectigoEndpointKey;
  outcome: SectigoCallOutcome;
  caCode?: number;
  httpStatus?: number;
  durationMs: number;
  /** The portal's order, when the caller runs the call for one (runForOrder). */
  orderId?: string;
  /** The request or job that made the call. */
  requestId?: string;
}

export type SectigoCallSink = (record: SectigoCallRecord) => void;

const KEY = Symbol.for("eidas-portal.sectigo-call-sink");
const slot = globalThis as unknown as { [KEY]?: SectigoCallSink };

/** Sets (or with undefined removes) where the records of calls go; one per process. */
export function setSectigoCallSink(sink: SectigoCallSink | undefined): void {
  slot[KEY] = sink;
}

/** Hands one call's record to the sink, with the current order and request; never throws. */
export function recordSectigoCall(record: Omit<SectigoCallRecord, "orderId" | "requestId">): void {
  const sink = slot[KEY];
  if (!sink) return;
  try {
    sink({ ...record, orderId: currentOrderId(), requestId: currentRequestId() });
  } catch {
    // A sink that fails must not fail the call; the sink logs its own failures.
  }
}
