import { readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import lockfile from "proper-lockfile";
import { logger } from "@/lib/log";

// PGlite has no cross-process locking and two processes on one data directory silently lose
// writes, so the directory is guarded by a lock (proper-lockfile: a directory beside it whose
// mtime a live holder refreshes). A holder killed with SIGKILL leaves that lock behind, and
// its mtime alone only tells after 15 s; the holder's pid, written beside the lock, tells at once.

const STALE_MS = 15_000;
const UPDATE_MS = 5_000;

/** Who holds a data directory, as the holder wrote it. */
interface LockOwner {
  pid: number;
  hostname: string;
}

/** The data directory is held by a process that is alive (or cannot be told to be dead). */
export class DataDirLocked extends Error {
  constructor(readonly ownerPid: number | null) {
    super("data directory locked");
    this.name = "DataDirLocked";
  }
}

// Directories this process holds: after a restart in a container the new process may get the
// dead one's pid, so "the owner's pid is mine" only means alive when this process took it.
const held = new Set<string>();

const ownerFile = (dir: string) => `${dir}.lock-owner`;

async function readOwner(dir: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(ownerFile(dir), "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.hostname === "string"
      ? { pid: owner.pid, hostname: owner.hostname }
      : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** A recorded owner that is certainly gone: same host, and no such process (or it is us, without the lock). */
function isDead(dir: string, owner: LockOwner | null): boolean {
  if (!owner || owner.hostname !== os.hostname()) return false;
  if (owner.pid === process.pid) return !held.has(dir);
  return !isAlive(owner.pid);
}

function lockMain(dir: string): Promise<() => Promise<void>> {
  return lockfile.lock(dir, {
    lockfilePath: `${dir}.lock`,
    stale: STALE_MS,
    update: UPDATE_MS,
    realpath: false,
  });
}

/**
 * Takes the data directory `dir` (an absolute path) for this process; throws DataDirLocked when a
 * live process holds it. Taking the lock and recording the owner happen under a short guard
 * lock, so a process judging a lock stale never sees a fresh lock without its owner.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  // proper-lockfile keys its locks by the file locked, so the guard locks a name of its own.
  const releaseGuard = await lockfile.lock(`${dir}.guard`, {
    lockfilePath: `${dir}.lock-guard`,
    stale: 5_000,
    realpath: false,
    retries: { retries: 40, minTimeout: 50, maxTimeout: 250 },
    // Held for milliseconds; losing it must not bring the process down.
    onCompromised: (error) => logger.warn({ err: error.message }, "embedded database lock guard lost"),
  });
  let release: () => Promise<void>;
  try {
    try {
      release = await lockMain(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
      const owner = await readOwner(dir);
      if (!isDead(dir, owner)) throw new DataDirLocked(owner?.pid ?? null);
      logger.warn(
        { dir, deadPid: owner!.pid },
        "removing the lock of a stopped process on the embedded database",
      );
      await rm(`${dir}.lock`, { recursive: true, force: true });
      try {
        release = await lockMain(dir);
      } catch (retryError) {
        if ((retryError as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLocked(null);
        throw retryError;
      }
    }
    await writeFile(ownerFile(dir), JSON.stringify({ pid: process.pid, hostname: os.hostname() }));
    held.add(dir);
  } finally {
    await releaseGuard().catch(() => undefined);
  }
  return async () => {
    held.delete(dir);
    // The owner goes first: a lock without an owner reads as held, never as stale.
    await rm(ownerFile(dir), { force: true });
    await release();
  };
}
