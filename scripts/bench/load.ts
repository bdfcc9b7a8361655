import os from "node:os";
import { performance as perf } from "node:perf_hooks";

// Runs a list of prepared jobs with a fixed number of workers and measures throughput, the
// latency of each job, and the CPU the run cost this process and the whole machine.

export type Job = () => Promise<boolean>;

export interface LoadResult {
  ordersPerSecond: number;
  latencies: number[];
  failures: number;
  /** CPU time of this process (all threads) per job, ms. */
  processCpuMsPerJob: number;
  /** CPU time of the whole machine (every process) per job, ms. */
  machineCpuMsPerJob: number;
  /** Share of the machine's cores busy during the run. */
  machineBusy: number;
  /** Share of the run this process's event loop (its one JavaScript thread) was busy. */
  eventLoopBusy: number;
}

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    const all = t.user + t.nice + t.sys + t.irq + t.idle;
    total += all;
    busy += all - t.idle;
  }
  return { busy, total };
}

export async function runLoad(jobs: readonly Job[], concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineTimes();
  const loopBefore = perf.eventLoopUtilization();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < jobs.length; i = next++) {
        const t0 = performance.now();
        const ok = await jobs[i]!();
        latencies.push(performance.now() - t0);
        if (!ok) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const loop = perf.eventLoopUtilization(loopBefore);
  const machineAfter = machineTimes();
  const machineBusyMs = machineAfter.busy - machineBefore.busy;
  const machineTotalMs = machineAfter.total - machineBefore.total;
  return {
    ordersPerSecond: jobs.length / seconds,
    latencies,
    failures,
    processCpuMsPerJob: (cpu.user + cpu.system) / 1000 / jobs.length,
    machineCpuMsPerJob: machineBusyMs / jobs.length,
    machineBusy: machineTotalMs > 0 ? machineBusyMs / machineTotalMs : 0,
    eventLoopBusy: loop.utilization,
  };
}
