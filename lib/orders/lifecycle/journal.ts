import "server-only";
import { mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { RECOVERED_FAILURE_CLASS } from "@/lib/orders/lifecycle/retry";
import { transition, TransitionRefused, type AttemptRecord } from "@/lib/orders/lifecycle/store";
import { canTransition } from "@/lib/orders/model/transitions";

// The CA's answer is written to a local journal, and fsync'd, alongside the database write (the
// send waits for both): if the database is down at that moment, or the process dies, the answer
// (above all Sectigo's order number) is not lost. It is replayed at start-up, by the periodic sweep, and by
// this process as soon as the database answers again; each entry goes once the database has it.
//
// One file per attempt, named by the attempt's id, in JOURNAL_DIR (default .data/journal). Several
// instances on one host may share it: a replay is a conditional write on the attempt, so it
// applies once whoever runs it, and an entry whose attempt this database does not know (another
// portal's) is left alone. What an entry holds is what the attempt row will hold: the request
// as stored (password already redacted) and the CA's answer, which carries no secret.

const ENTRY_SUFFIX = ".json";
/** Another process's entry younger than this may still be on its way to the database. */
const FOREIGN_ENTRY_AGE_MS = 30_000;
const REPLAY_MAX_DELAY_MS = 30_000;

export interface JournalEntry {
  /** The process that wrote it: a replay elsewhere waits while it may still be writing. */
  writer: { pid: number; hostname: string };
  orderId: string;
  attemptId: string;
  status: OrderStatus;
  attempt: AttemptRecord;
  order: Prisma.OrderUncheckedUpdateManyInput;
  answeredAt: string;
}

export interface ReplayResult {
  /** Answers written to the database now. */
  applied: number;
  /** Entries the database already had (removed). */
  recorded: number;
  /** Entries left for later: the database failed, or does not know the attempt. */
  kept: number;
}

// Process-wide, through globalThis like the database handle (Next bundles routes separately).
const state = globalThis as unknown as {
  __portalJournal?: {
    inFlight: Set<string>;
    own: Set<string>;
    replay?: Promise<ReplayResult>;
    timer?: boolean;
    directorySyncs?: Map<string, DirectorySync>;
  };
};
function journalState() {
  return (state.__portalJournal ??= { inFlight: new Set(), own: new Set() });
}

/** A directory's fsync under way, and the one that waits for it (for renames it cannot cover). */
interface DirectorySync {
  running?: Promise<void>;
  next?: Promise<void>;
}

async function fsyncDirectory(dir: string): Promise<void> {
  const directory = await open(dir, "r");
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/**
 * Makes the renames done so far in `dir` durable. One fsync covers every rename finished before
 * it started, so answers arriving together share it: a caller finding one under way waits for
 * the next, which starts when that one ends (and so after the caller's rename).
 */
function syncDirectory(dir: string): Promise<void> {
  const journal = journalState();
  const syncs = (journal.directorySyncs ??= new Map());
  let sync = syncs.get(dir);
  if (!sync) syncs.set(dir, (sync = {}));
  const current = sync;
  if (!current.running) {
    current.running = fsyncDirectory(dir).finally(() => {
      current.running = undefined;
    });
    return current.running;
  }
  current.next ??= current.running
    .catch(() => undefined)
    .then(() => {
      current.next = undefined;
      return syncDirectory(dir);
    });
  return current.next;
}

/** The entry's writer is certainly not running any more (same host, no such process, or a previous life of this pid). */
function writerGone(writer: JournalEntry["writer"] | undefined): boolean {
  if (!writer || writer.hostname !== os.hostname()) return false;
  if (writer.pid === process.pid) return true;
  try {
    process.kill(writer.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Where the journal lives. */
export function journalDir(): string {
  return path.resolve(env().JOURNAL_DIR);
}

const fileOf = (attemptId: string) => path.join(journalDir(), `${attemptId}${ENTRY_SUFFIX}`);

/** The temporary file, creating the journal's directory only when it is missing. */
async function createTemporary(dir: string, temporary: string) {
  try {
    return await open(temporary, "w", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return open(temporary, "w", 0o600);
  }
}

/**
 * Writes the answer durably (temporary file, fsync, rename, fsync of the directory, shared with
 * the answers written at the same time). It is in
 * flight from the start, as the database write runs beside it: this process's replays leave it
 * to that write (forgetAnswer or answerNotRecorded end that).
 */
export async function journalAnswer(answer: Omit<JournalEntry, "writer">): Promise<void> {
  const entry: JournalEntry = { writer: { pid: process.pid, hostname: os.hostname() }, ...answer };
  const { inFlight, own } = journalState();
  inFlight.add(entry.attemptId);
  own.add(entry.attemptId);
  try {
    const dir = journalDir();
    const final = fileOf(entry.attemptId);
    const temporary = `${final}.tmp`;
    const file = await createTemporary(dir, temporary);
    try {
      await file.writeFile(JSON.stringify(entry));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, final);
    await syncDirectory(dir);
  } catch (error) {
    inFlight.delete(entry.attemptId);
    own.delete(entry.attemptId);
    throw error;
  }
}

/** The database has the answer: the entry goes. */
export async function forgetAnswer(attemptId: string): Promise<void> {
  const { inFlight, own } = journalState();
  inFlight.delete(attemptId);
  own.delete(attemptId);
  await unlink(fileOf(attemptId)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

/**
 * The database write after the journal failed: the entry is now this process's to replay, and
 * it tries again (with a growing delay) until the database takes it.
 */
export function answerNotRecorded(prisma: PrismaClient, attemptId: string): void {
  journalState().inFlight.delete(attemptId);
  scheduleReplay(prisma, 1_000);
}

function scheduleReplay(prisma: PrismaClient, delayMs: number): void {
  const journal = journalState();
  if (journal.timer) return;
  journal.timer = true;
  const timer = setTimeout(async () => {
    journal.timer = false;
    const result = await replayJournal(prisma).catch((error: unknown) => {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "journal replay failed");
      return undefined;
    });
    const ownLeft = [...journal.own].some((id) => !journal.inFlight.has(id));
    if (!result || ownLeft) scheduleReplay(prisma, Math.min(delayMs * 2, REPLAY_MAX_DELAY_MS));
  }, delayMs);
  // Waiting to replay must not keep a script or a stopping server alive.
  timer.unref();
}

/** Writes every journalled answer the database does not have yet; idempotent, never concurrent within a process. */
export function replayJournal(prisma: PrismaClient): Promise<ReplayResult> {
  const journal = journalState();
  journal.replay ??= replayAll(prisma).finally(() => {
    journal.replay = undefined;
  });
  return journal.replay;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

async function replayAll(prisma: PrismaClient): Promise<ReplayResult> {
  const result: ReplayResult = { applied: 0, recorded: 0, kept: 0 };
  const dir = journalDir();
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const { inFlight, own } = journalState();
  for (const name of names) {
    if (!name.endsWith(ENTRY_SUFFIX)) continue;
    const attemptId = name.slice(0, -ENTRY_SUFFIX.length);
    if (inFlight.has(attemptId)) continue;
    const file = path.join(dir, name);
    let entry: JournalEntry;
    try {
      entry = revive(JSON.parse(await readFile(file, "utf8")) as JournalEntry);
    } catch (error) {
      // Another instance sharing the folder finished the entry since the folder was listed.
      if (isMissing(error)) continue;
      // Only whole files are renamed into place; an unreadable one is kept for a person to look at.
      logger.error({ file, err: (error as Error).message }, "unreadable journal entry");
      result.kept += 1;
      continue;
    }
    if (!own.has(attemptId) && !writerGone(entry.writer)) {
      const modified = await stat(file).then(
        (found) => found.mtimeMs,
        (error: unknown) => {
          if (isMissing(error)) return undefined;
          throw error;
        },
      );
      if (modified === undefined) continue;
      const age = Date.now() - modified;
      if (age < FOREIGN_ENTRY_AGE_MS) {
        result.kept += 1;
        continue;
      }
    }
    let outcome: Awaited<ReturnType<typeof applyEntry>>;
    try {
      outcome = await applyEntry(prisma, entry);
    } catch (error) {
      // The order moved on between the read and the write: the next replay sees where it is.
      if (!(error instanceof TransitionRefused)) throw error;
      outcome = "unknown";
    }
    if (outcome === "unknown") {
      result.kept += 1;
      continue;
    }
    result[outcome] += 1;
    await forgetAnswer(attemptId);
    if (outcome === "applied") {
      logger.info(
        { orderId: entry.orderId, attemptId, status: entry.status },
        "journalled CA answer recorded",
      );
    }
  }
  if (result.kept) logger.info(result, "journal entries left for later");
  return result;
}

/**
 * The answer onto the attempt and the order, if the database does not have it yet: the attempt
 * still PENDING (the order SUBMITTING), or marked by crash recovery, which could only guess.
 */
async function applyEntry(
  prisma: PrismaClient,
  entry: JournalEntry,
): Promise<"applied" | "recorded" | "unknown"> {
  return prisma.$transaction(async (tx) => {
    const attempt = await tx.orderAttempt.findUnique({
      where: { id: entry.attemptId },
      select: {
        outcome: true,
        errorClass: true,
        order: {
          select: {
            status: true,
            attempts: { orderBy: { startedAt: "desc" }, take: 1, select: { id: true } },
          },
        },
      },
    });
    if (!attempt) return "unknown";
    const recovered = attempt.outcome === "UNKNOWN" && attempt.errorClass === RECOVERED_FAILURE_CLASS;
    if (attempt.outcome !== "PENDING" && !recovered) return "recorded";
    const latest = attempt.order.attempts[0]?.id === entry.attemptId;
    const from = attempt.order.status;
    const moves = latest && (from === "SUBMITTING" || (recovered && canTransition(from, entry.status)));
    if (recovered && !moves) return "recorded";
    const updated = await tx.orderAttempt.updateMany({
      where: { id: entry.attemptId, outcome: attempt.outcome },
      data: {
        errorClass: null,
        message: null,
        ...entry.attempt,
        finishedAt: new Date(entry.answeredAt),
      },
    });
    if (updated.count !== 1) return "recorded";
    if (moves) await transition(tx, entry.orderId, entry.status, entry.order, { from: [from] });
    return "applied";
  });
}

const DATE_FIELDS = ["placedAt", "nextRetryAt", "submittedAt"] as const;

function revive(entry: JournalEntry): JournalEntry {
  const order = { ...entry.order } as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    if (typeof order[field] === "string") order[field] = new Date(order[field]);
  }
  return { ...entry, order: order as Prisma.OrderUncheckedUpdateManyInput };
}
