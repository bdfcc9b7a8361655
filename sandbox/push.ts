import { setTimeout as delay } from "node:timers/promises";
import { PUSH_EVENT_CERTIFICATE, PUSH_PARAMS, PUSH_STATUS_CODES } from "@/lib/sectigo/after-ordering";

// Sectigo's certificate push (spec §3): a GET to the partner's URL, retried 3 times on failure.
// A failed push never breaks the sandbox; each attempt is recorded for tests.

export interface PushRecord {
  orderNumber: string;
  statusCode: number;
  attempts: number;
  delivered: boolean;
  lastError?: string;
  at: string;
}

const RETRIES = 3;
const TIMEOUT_MS = 5_000;

const STATUS_TEXT: Record<number, string> = { 6: "Issued", 7: "Rejected", 8: "Revoked" };

export interface PushEvent {
  orderNumber: string;
  certificateId: string;
  statusCode: 6 | 7 | 8;
  revocationReasonCode?: number;
}

export function pushQuery(event: PushEvent): URLSearchParams {
  const p = PUSH_PARAMS;
  const query = new URLSearchParams();
  query.set(p.orderNumber.wire, event.orderNumber);
  query.set(p.certificateId.wire, event.certificateId);
  query.set(p.eventType.wire, PUSH_EVENT_CERTIFICATE.wire);
  query.set(p.status.wire, STATUS_TEXT[event.statusCode] ?? "");
  query.set(p.statusCode.wire, String(event.statusCode));
  query.set(p.statusDesc.wire, PUSH_STATUS_CODES[event.statusCode]?.meaning ?? "");
  if (event.revocationReasonCode !== undefined) {
    query.set(p.revocationReasonCode.wire, String(event.revocationReasonCode));
  }
  return query;
}

/** Sends one push with its retries; resolves when delivered or given up, never rejects. */
export async function sendPush(
  pushUrl: string,
  event: PushEvent,
  record: (r: PushRecord) => void,
  opts: { retryDelayMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const url = new URL(pushUrl);
  for (const [k, v] of pushQuery(event)) url.searchParams.set(k, v);
  const entry: PushRecord = {
    orderNumber: event.orderNumber,
    statusCode: event.statusCode,
    attempts: 0,
    delivered: false,
    at: new Date().toISOString(),
  };
  record(entry);
  for (let attempt = 0; attempt <= RETRIES && !opts.signal?.aborted; attempt++) {
    if (attempt > 0) await delay((opts.retryDelayMs ?? 500) * attempt).catch(() => undefined);
    entry.attempts += 1;
    try {
      const response = await fetch(url, { method: "GET", signal: AbortSignal.timeout(TIMEOUT_MS) });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        entry.delivered = true;
        delete entry.lastError;
        return;
      }
      entry.lastError = `HTTP ${response.status}`;
    } catch (error) {
      entry.lastError = error instanceof Error ? error.message : String(error);
    }
  }
}
