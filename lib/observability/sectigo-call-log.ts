import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { setSectigoCallSink, type SectigoCallRecord } from "@/lib/sectigo/call-record";

// The record of every call to Sectigo (table SectigoCall): the admin dashboard's Sectigo charts
// and the alerts read it. The CA client hands each call's record over as the answer is read
// (lib/sectigo/call-record.ts); this log keeps them in memory and writes them in batches a
// moment later, so recording adds no database round trip to the call and a failed insert (the
// database away) costs the records, logged, never the order.

/** Records written together at most this often. */
const FLUSH_DELAY_MS = 200;
/** Records kept while the database cannot take them; older ones are dropped (and counted). */
const MAX_PENDING = 10_000;
const BATCH = 500;

interface CallLog {
  pending: SectigoCallRecord[];
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
  dropped: number;
}

const KEY = Symbol.for("eidas-portal.sectigo-call-log");
const slot = globalThis as unknown as { [KEY]?: CallLog };

function state(): CallLog {
  return (slot[KEY] ??= { pending: [], dropped: 0 });
}

async function write(prisma: PrismaClient, records: SectigoCallRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) {
    await prisma.sectigoCall.createMany({
      data: records.slice(i, i + BATCH).map((r) => ({
        at: r.at,
        endpoint: r.endpoint,
        outcome: r.outcome,
        caCode: r.caCode ?? null,
        httpStatus: r.httpStatus ?? null,
        durationMs: Math.max(0, Math.round(r.durationMs)),
        orderId: r.orderId ?? null,
        requestId: r.requestId ?? null,
      })),
    });
  }
}

/** Writes the records waiting now (tests, shutdown); failures are logged, never thrown. */
export async function flushSectigoCallLog(): Promise<void> {
  const log = state();
  if (log.timer) clearTimeout(log.timer);
  log.timer = undefined;
  await log.flushing;
  const records = log.pending.splice(0);
  if (!records.length) return;
  log.flushing = (async () => {
    try {
      await write(await db(), records);
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error), lost: records.length },
        "Sectigo call records could not be stored",
      );
    }
  })();
  await log.flushing;
  log.flushing = undefined;
}

function keep(record: SectigoCallRecord): void {
  const log = state();
  log.pending.push(record);
  if (log.pending.length > MAX_PENDING) {
    log.pending.splice(0, log.pending.length - MAX_PENDING);
    log.dropped += 1;
    if (log.dropped % 1000 === 1) logger.warn({ dropped: log.dropped }, "Sectigo call records dropped");
  }
  if (!log.timer) {
    log.timer = setTimeout(() => void flushSectigoCallLog(), FLUSH_DELAY_MS);
    log.timer.unref();
  }
}

/** Makes this process store a record of every Sectigo call (server start-up, tests). */
export function startSectigoCallLog(): void {
  setSectigoCallSink(keep);
}

/** Stops recording and writes what is waiting. */
export async function stopSectigoCallLog(): Promise<void> {
  setSectigoCallSink(undefined);
  await flushSectigoCallLog();
}

/** Deletes records older than `retentionDays` (the job runner's daily prune); returns how many. */
export async function pruneSectigoCalls(prisma: PrismaClient, retentionDays: number, now = new Date()) {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const { count } = await prisma.sectigoCall.deleteMany({ where: { at: { lt: cutoff } } });
  return count;
}
