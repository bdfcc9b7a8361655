import { Session } from "node:inspector/promises";

// A V8 CPU profile of a piece of work in this process, summarised as self time per category
// (a source file's package or folder), so a report can say which code the time went to.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface CategoryTime {
  category: string;
  ms: number;
}

const SPECIAL = new Map([
  ["(garbage collector)", "garbage collection"],
  ["(program)", "V8 and native code outside JavaScript"],
  ["(idle)", "idle (waiting for I/O)"],
]);

export interface ProfileOptions {
  /**
   * Categories (Node.js's own code) whose time is split by who asked for it: each sample counts
   * as `<category> for: <nearest calling category>`, e.g. Node's socket code for the pg driver.
   */
  byCaller?: ReadonlySet<string>;
}

/** Runs `work` under the V8 sampling profiler; returns self time per category, largest first. */
export async function profileCategories(
  work: () => Promise<void>,
  categorize: (url: string) => string,
  options: ProfileOptions = {},
): Promise<CategoryTime[]> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    await session.post("Profiler.start");
    await work();
    const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
    return summarise(profile, categorize, options.byCaller ?? new Set());
  } finally {
    session.disconnect();
  }
}

function summarise(
  profile: Profile,
  categorize: (url: string) => string,
  byCaller: ReadonlySet<string>,
): CategoryTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const memo = new Map<number, string>();
  // A native function (no URL: JSON.parse, a regexp) counts for the script that called it.
  const categoryOf = (id: number): string => {
    const known = memo.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const special = SPECIAL.get(node.callFrame.functionName);
    let category: string;
    if (special) category = special;
    else if (node.callFrame.url) category = categorize(node.callFrame.url);
    else {
      const up = parent.get(id);
      category =
        up === undefined || byId.get(up)!.callFrame.functionName === "(root)" ? "native" : categoryOf(up);
    }
    memo.set(id, category);
    return category;
  };
  const callerMemo = new Map<number, string>();
  // The first category up the stack that is not split itself: who the work was done for.
  const callerOf = (id: number): string => {
    const known = callerMemo.get(id);
    if (known) return known;
    const up = parent.get(id);
    const upCategory = up === undefined ? "native" : categoryOf(up);
    const caller =
      up === undefined || upCategory === "native"
        ? "the event loop"
        : byCaller.has(upCategory)
          ? callerOf(up)
          : upCategory;
    callerMemo.set(id, caller);
    return caller;
  };
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    const own = categoryOf(samples[i]!);
    const category = byCaller.has(own) ? `${own} for: ${callerOf(samples[i]!)}` : own;
    totals.set(category, (totals.get(category) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...totals].map(([category, ms]) => ({ category, ms })).sort((a, b) => b.ms - a.ms);
}
