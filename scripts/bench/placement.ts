import { runLoad, type LoadResult } from "./load";
import { measurePhases, profileCpu, type CpuProfiles, type Phases } from "./placement-profile";
import { bareJobs, portalJobs, PRODUCT_CODE, startPlacementBed, type PlacementBed } from "./placement-setup";
import { markdownTable, type Figure, type Section } from "./report";
import { fmt, median } from "./stats";

// 1. Order placement: the wizard's submission path (submitOrder) against the bare Sectigo client
// sending the same requests to the same in-process sandbox CA, measured in alternating pairs.

export interface PlacementOptions {
  runs: number;
  /** Orders per run at concurrency 1; runs at concurrency 16 place twice as many. */
  ordersPerRun: number;
}

const CONCURRENCIES = [1, 16] as const;
const THROUGHPUT_TARGET = 0.5;
const ADDED_LATENCY_TARGET_MS = 5;

interface Pair {
  bare: LoadResult;
  portal: LoadResult;
}

async function measurePair(bed: PlacementBed, count: number, concurrency: number, bareFirst: boolean) {
  // Preparation (drafts, parsed inputs) happens before either timed run starts.
  const portal = await portalJobs(bed, count);
  const bare = bareJobs(bed, count);
  const results: Partial<Pair> = {};
  for (const side of bareFirst ? (["bare", "portal"] as const) : (["portal", "bare"] as const)) {
    const result = await runLoad(side === "bare" ? bare : portal, concurrency);
    if (result.failures)
      throw new Error(`${result.failures} ${side} orders failed at concurrency ${concurrency}`);
    results[side] = result;
  }
  return results as Pair;
}

function describeRun(concurrency: number, run: number, pair: Pair): string {
  const line = (r: LoadResult) =>
    `${fmt(r.ordersPerSecond)} orders/s, median ${fmt(median(r.latencies))} ms, ${fmt(r.processCpuMsPerJob)} ms CPU/order`;
  return `  c=${concurrency} run ${run}: bare ${line(pair.bare)}; portal ${line(pair.portal)}`;
}

export async function benchPlacement(options: PlacementOptions): Promise<Section> {
  const bed = await startPlacementBed();
  try {
    console.log("Placement: warming up…");
    for (const c of CONCURRENCIES) await measurePair(bed, Math.min(50, options.ordersPerRun), c, true);
    const pairs = new Map<number, Pair[]>(CONCURRENCIES.map((c) => [c, []]));
    for (let run = 1; run <= options.runs; run += 1) {
      for (const c of CONCURRENCIES) {
        const pair = await measurePair(bed, options.ordersPerRun * (c === 1 ? 1 : 2), c, run % 2 === 1);
        pairs.get(c)!.push(pair);
        console.log(describeRun(c, run, pair));
      }
    }
    console.log("Placement: timing the phases of submitOrder…");
    const phases = await measurePhases(bed, options.ordersPerRun);
    console.log("Placement: CPU profiles at concurrency 16…");
    const profiles = await profileCpu(bed, options.ordersPerRun * 2, 16);
    return placementSection(options, pairs, phases, profiles);
  } finally {
    await bed.close();
  }
}

function placementSection(
  options: PlacementOptions,
  pairs: Map<number, Pair[]>,
  phases: Phases,
  profiles: CpuProfiles,
): Section {
  const of = (c: number) => pairs.get(c)!;
  const throughput = (c: number, side: keyof Pair) => median(of(c).map((p) => p[side].ordersPerSecond));
  const ratio = (c: number) => median(of(c).map((p) => p.portal.ordersPerSecond / p.bare.ordersPerSecond));
  const latency = (c: number, side: keyof Pair) => median(of(c).map((p) => median(p[side].latencies)));
  const added = median(of(1).map((p) => median(p.portal.latencies) - median(p.bare.latencies)));
  const cpu = (c: number, side: keyof Pair) => median(of(c).map((p) => p[side].processCpuMsPerJob));
  const machineCpu = (c: number, side: keyof Pair) => median(of(c).map((p) => p[side].machineCpuMsPerJob));
  const busy = (c: number, side: keyof Pair) => median(of(c).map((p) => p[side].machineBusy));
  const loopBusy = (c: number, side: keyof Pair) => median(of(c).map((p) => p[side].eventLoopBusy));

  const figures: Figure[] = [];
  for (const c of CONCURRENCIES) {
    const r = ratio(c);
    figures.push({
      name: `orders/s at concurrency ${c}`,
      value: `${fmt(throughput(c, "portal"))} (portal)`,
      baseline: `${fmt(throughput(c, "bare"))} (bare client)`,
      comparison: `${fmt(r, 2)}× bare`,
      target: c === 16 ? `≥ ${THROUGHPUT_TARGET}× bare` : "–",
      met: c === 16 ? r >= THROUGHPUT_TARGET : null,
    });
  }
  figures.push({
    name: "median latency per order at concurrency 1",
    value: `${fmt(latency(1, "portal"))} ms (portal)`,
    baseline: `${fmt(latency(1, "bare"))} ms (bare client)`,
    comparison: `+${fmt(added)} ms added by the portal`,
    target: `< ${ADDED_LATENCY_TARGET_MS} ms added`,
    met: added < ADDED_LATENCY_TARGET_MS,
  });
  figures.push({
    name: "median latency per order at concurrency 16",
    value: `${fmt(latency(16, "portal"))} ms (portal)`,
    baseline: `${fmt(latency(16, "bare"))} ms (bare client)`,
    comparison: `+${fmt(latency(16, "portal") - latency(16, "bare"))} ms`,
    target: "–",
    met: null,
  });

  const method = [
    `**Portal:** \`submitOrder\` (\`lib/orders/commands/submit.ts\`), the code behind the wizard's submit action: ` +
      "ownership check, full validation (order schema and the CSR's signature), the order row update, " +
      "the claim with its attempt row, the call through the Sectigo client, the outcome written. " +
      `**Baseline (bare):** \`createSectigoClient(…).placeOrder\` sending the same parsed input with a fresh ` +
      "external order number, no database. Both go to the sandbox CA started in this process " +
      "(`startSandbox`, port 0, no faults, no latency), with one client each and the same settings.",
    `Product ${PRODUCT_CODE} (qualified electronic seal, the lifecycle tests' order) with its minimal ` +
      "input; RSA-2048 CSRs from a pre-generated pool of 32. Users, drafts (`createDraft`, saved at the " +
      "review step) and parsed inputs are prepared before each timed run. Jobs are off (`JOBS_ENABLED=0`), " +
      "`LOG_LEVEL=warn`. Concurrency c means c submissions in flight at once (c workers, one process).",
    `Each run places ${options.ordersPerRun} orders at concurrency 1 and ${options.ordersPerRun * 2} at ` +
      `concurrency 16, portal and bare back to back (alternating which goes first), after one discarded ` +
      `warm-up pair; ${options.runs} runs. Figures are medians over the runs: orders/s of the run, and of ` +
      "each run's median latency. The ratio and the added latency are the medians of the per-run " +
      "pair values.",
  ];

  const missed = figures.filter((f) => f.met === false);
  const notes: string[] = [];
  notes.push(
    "### Where the portal's time goes",
    `Each phase of \`submitOrder\` timed per order at concurrency 1 (${phases.orders} orders, medians per ` +
      "order; a separate pass after the figures above, with the instrumentation on). Database time is " +
      "the wall time of the queries as the Prisma adapter hands them to the pg driver; validation, the " +
      "CSR check and the answer journal are timed on their own on the same input: `validateOrderInput`, " +
      "then what it does with the CSR (one `parseCsr`, `inspectParsedCsr` with the node:crypto signature " +
      "check), then one journal entry written (fsync'd file and directory) and removed. The send writes " +
      "the journal beside the outcome statement, so its time is not subtracted below: what does not " +
      "overlap is in everything else.",
    markdownTable(
      ["phase", "ms per order"],
      [
        ["validation: order schema and CSR (`validateOrderInput`)", fmt(phases.validateMs)],
        ["  of which the CSR: one parse, its rules and the signature check", fmt(phases.csrMs)],
        [
          `database: ${fmt(phases.dbQueries)} statements (a BEGIN and COMMIT count when one is used)`,
          fmt(phases.dbMs),
        ],
        ["the CA call (Sectigo client to the sandbox)", fmt(phases.caMs)],
        [
          "everything else (Prisma query building and result mapping, request building, the journal, JS)",
          fmt(phases.otherMs),
        ],
        [
          "the answer journal's write and removal, on their own (overlaps the outcome)",
          fmt(phases.journalMs),
        ],
        ["**total `submitOrder`**", `**${fmt(phases.totalMs)}**`],
      ],
    ),
    "The statements of one submission, in order, with their wall time:",
    markdownTable(
      ["#", "statement", "ms"],
      phases.statements.map((q, i) => [String(i + 1), `\`${q.sql}\``, fmt(q.ms)]),
    ),
    "CPU, medians over the runs: this process's CPU time per order (all its threads), the whole machine's " +
      "busy time per order (this process, PostgreSQL and anything else running on the shared machine), the " +
      "share of the machine's cores that were busy, and the share of the time this process's event loop " +
      "(its one JavaScript thread) was busy:",
    markdownTable(
      ["", "process CPU ms/order", "machine CPU ms/order", "machine busy", "event loop busy"],
      CONCURRENCIES.flatMap((c) =>
        (["portal", "bare"] as const).map((side) => [
          `${side === "portal" ? "portal" : "bare client"}, concurrency ${c}`,
          fmt(cpu(c, side)),
          fmt(machineCpu(c, side)),
          `${Math.round(busy(c, side) * 100)} %`,
          `${Math.round(loopBusy(c, side) * 100)} %`,
        ]),
      ),
    ),
    `V8 CPU profile of the main thread, self time per order (${profiles.orders} orders at concurrency 16, ` +
      "categories by source file; a native function counts for the script that called it). The sandbox " +
      "CA runs in the same process for both, so its share (it decodes each CSR too) appears in both columns:",
    profileTable(profiles),
  );
  if (missed.length) {
    const top = (times: CpuProfiles["portal"]) =>
      times
        .filter((t) => !t.category.startsWith("idle"))
        .slice(0, 4)
        .map((t) => `${t.category} ${fmt(t.ms)} ms`)
        .join(", ");
    notes.push("### Gap and its measured cause");
    for (const f of missed) notes.push(`- **${f.name}**: ${f.comparison}; target ${f.target}.`);
    if (missed.some((f) => f.name.startsWith("orders/s"))) {
      notes.push(
        `Throughput at concurrency 16 is bounded by this process's single JavaScript thread: its event ` +
          `loop was ${Math.round(loopBusy(16, "portal") * 100)} % busy during the portal runs, and the ` +
          `portal costs ${fmt(cpu(16, "portal"))} ms of this process's CPU per order against ` +
          `${fmt(cpu(16, "bare"))} ms for the bare client, a ratio of ` +
          `${fmt(cpu(16, "bare") / cpu(16, "portal"), 2)}, which is about the measured throughput ratio. ` +
          `The largest main-thread costs per portal order: ${top(profiles.portal)}.`,
      );
    }
    if (missed.some((f) => f.name.startsWith("median latency"))) {
      notes.push(
        `In the phase pass \`submitOrder\` took ${fmt(phases.totalMs)} ms per order, of which the CA call ` +
          `${fmt(phases.caMs)} ms: ${fmt(phases.totalMs - phases.caMs)} ms added by the portal, made of ` +
          `${fmt(phases.dbMs)} ms in ${fmt(phases.dbQueries)} database statements (see the statement list), ` +
          `${fmt(phases.validateMs)} ` +
          `ms validation (of which ${fmt(phases.csrMs)} ms the CSR check) and ${fmt(phases.otherMs)} ms other ` +
          "CPU (the profile above says whose). " +
          `The timed runs measured +${fmt(added)} ms: the same work, but it needs ${fmt(cpu(1, "portal"))} ms ` +
          `of CPU per order against ${fmt(cpu(1, "bare"))} ms for the bare client, on a machine whose cores ` +
          `were ${Math.round(busy(1, "portal") * 100)} % busy during the portal runs, so more of it waited ` +
          "for a core." +
          (phases.dbMs >= ADDED_LATENCY_TARGET_MS
            ? " The database statements alone take more than the target."
            : ""),
      );
    }
    notes.push(nextLevers(profiles, phases, loopBusy(16, "portal"), busy(16, "portal")));
  }
  return { id: "placement", title: "1. Order placement", method, figures, notes };
}

// What could be done about a category of main-thread time, for the levers the report names.
const LEVERS: [RegExp, string][] = [
  [
    /CSR decoding/,
    "the CSR is parsed once per validation and its signature checked with node:crypto; what is left " +
      "is @peculiar/x509's own parse (the subject name serialised and parsed again for its display " +
      "names, the extensions read through re-encoded attributes), or validation in a worker thread",
  ],
  [
    /journal/,
    "the answer journal's file per order (written, fsync'd, renamed, removed; the directory's fsync is " +
      "already shared by the answers that arrive together): one appended journal file with group commit",
  ],
  [
    /pg driver|Prisma/,
    "the driver cost of the three statements (Prisma's raw-query path, pg's extended protocol and " +
      "socket write per statement); the statements are already one read, one claim and one outcome",
  ],
  [/garbage collection/, "fewer short-lived objects per order (request copies, JSON strings)"],
  [/zod|lib\/sectigo/, "the order schema and the request building (both once per order already)"],
];

/**
 * The next levers, from the profile: the categories where the portal's main thread spends the
 * most more than the bare client's, with what could be done about each.
 */
function nextLevers(profiles: CpuProfiles, phases: Phases, loopBusy: number, machineBusy: number): string {
  const msOf = (times: CpuProfiles["portal"], category: string) =>
    times.find((t) => t.category === category)?.ms ?? 0;
  const extra = profiles.portal
    .filter((t) => !t.category.startsWith("idle"))
    .map((t) => ({ category: t.category, ms: t.ms - msOf(profiles.bare, t.category) }))
    .filter((t) => t.ms > 0.05)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4);
  const hints: string[] = [];
  for (const { category } of extra) {
    const lever = LEVERS.find(([pattern]) => pattern.test(category))?.[1];
    if (lever && !hints.includes(lever)) hints.push(lever);
  }
  const worker =
    loopBusy >= 0.9 && machineBusy < 0.9
      ? ` The event loop was ${Math.round(loopBusy * 100)} % busy at concurrency 16 with the machine's cores ` +
        `${Math.round(machineBusy * 100)} % busy, so validation in a worker thread (${fmt(phases.validateMs)} ms ` +
        "per order in the phase pass) could use the idle share of the second core."
      : "";
  return (
    "Next levers, by the portal's extra main-thread time per order over the bare client's: " +
    extra.map((t) => `${t.category} +${fmt(t.ms)} ms`).join(", ") +
    "." +
    (hints.length ? ` For these: ${hints.join("; ")}.` : "") +
    worker
  );
}

function profileTable(profiles: CpuProfiles): string {
  const categories = [...new Set([...profiles.portal, ...profiles.bare].map((t) => t.category))];
  const msOf = (times: CpuProfiles["portal"], category: string) =>
    times.find((t) => t.category === category)?.ms ?? 0;
  const rows = categories
    .map((category) => [category, msOf(profiles.portal, category), msOf(profiles.bare, category)] as const)
    .filter(([, portal, bare]) => portal >= 0.01 || bare >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([category, portal, bare]) => [category, fmt(portal), fmt(bare)]);
  return markdownTable(["category", "portal ms/order", "bare ms/order"], rows);
}
