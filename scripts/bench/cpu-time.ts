import { readdirSync, readFileSync } from "node:fs";

// The CPU time of another process and everything it started (the portal's `next start` and any
// worker it forks), from Linux's /proc: on a shared machine this is the portal's own cost,
// where the machine's busy time also counts whatever else runs.

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on every Linux build here). */
const TICKS_PER_SECOND = 100;

/**
 * pid, parent pid and CPU ticks from a /proc/<pid>/stat line: user + system of the process, and
 * of its children that ended and were waited for (a live child counts in its own line).
 */
export function parseStat(line: string): { pid: number; ppid: number; ticks: number } {
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const close = line.lastIndexOf(")");
  const pid = Number(line.slice(0, line.indexOf(" ")));
  const rest = line.slice(close + 2).split(" ");
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(rest[i]), 0);
  return { pid, ppid: Number(rest[1]), ticks };
}

/** CPU milliseconds used so far by the process and its live descendants; null off Linux. */
export function processTreeCpuMs(root: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const stats = entries.flatMap((name) => {
    try {
      return [parseStat(readFileSync(`/proc/${name}/stat`, "utf8"))];
    } catch {
      return []; // gone meanwhile
    }
  });
  const children = new Map<number, number[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const ticksOf = new Map(stats.map((s) => [s.pid, s.ticks]));
  if (!ticksOf.has(root)) return null;
  let ticks = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    ticks += ticksOf.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
