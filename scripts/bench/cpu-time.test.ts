import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseStat, processTreeCpuMs } from "./cpu-time";

// The portal server's CPU time for the API benchmark: /proc's stat lines, and a process tree.

describe("process tree CPU time", () => {
  test("a stat line's pid, parent and ticks, also with a command name of spaces and parentheses", () => {
    const line =
      "4242 (next-server (v1) x) S 4200 4242 4200 0 -1 4194560 1234 0 0 0 250 37 8 5 20 0 11 0 5000 1 1";
    expect(parseStat(line)).toEqual({ pid: 4242, ppid: 4200, ticks: 250 + 37 + 8 + 5 });
  });

  test.runIf(process.platform === "linux")("counts the CPU of a live child with its parent's", async () => {
    // A shell waiting on a busy Node child: the shell's own line has next to no CPU.
    const busy = `${JSON.stringify(process.execPath)} -e "const t = Date.now(); while (Date.now() - t < 5000);"`;
    const shell = spawn("sh", ["-c", `${busy}; true`], { stdio: "ignore" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const own = parseStat(readFileSync(`/proc/${shell.pid}/stat`, "utf8")).ticks * 10;
      expect(processTreeCpuMs(shell.pid!)).toBeGreaterThan(own + 50);
      expect(processTreeCpuMs(2 ** 22 + 1)).toBeNull();
    } finally {
      // The shell and its child, by their ids.
      for (const pid of [shell.pid!, ...childrenOf(shell.pid!)]) process.kill(pid);
    }
  });
});

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
