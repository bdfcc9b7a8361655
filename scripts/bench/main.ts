import "./bench-env";
import os from "node:os";
import { parseArgs } from "node:util";
import { createDatabase, DEFAULT_SERVER_URL, dropDatabases, setAppDatabase, setServer } from "./databases";
import { runCleanups } from "./cleanup";
import { describeMachine, runInfo } from "./machine";
import { SECTION_IDS, DOC_PATH, renderSection, writeReport, type Section, type SectionId } from "./report";

// `npm run bench`: measures order placement, the order history at scale and the pages, and
// writes docs/benchmarks.md. See the document's "Reproduce" section for the flags.

const USAGE = `npm run bench -- [--only placement,history,pages,polling,api] [--runs N] [--orders N] [--customers N]
  [--place-orders N] [--reps N] [--lighthouse-runs N] [--polling-orders N] [--polling-budget N] [--polling-seconds N]
  [--api-orders N]`;

function whole(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 50_000_000)
    throw new Error(`--${name} must be a whole number ≥ ${min}.`);
  return n;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      runs: { type: "string" },
      orders: { type: "string" },
      customers: { type: "string" },
      "place-orders": { type: "string" },
      reps: { type: "string" },
      "lighthouse-runs": { type: "string" },
      "polling-orders": { type: "string" },
      "polling-budget": { type: "string" },
      "polling-seconds": { type: "string" },
      "api-orders": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const only = values.only ? values.only.split(",").map((s) => s.trim()) : [...SECTION_IDS];
  const unknown = only.filter((s) => !(SECTION_IDS as readonly string[]).includes(s));
  if (unknown.length)
    throw new Error(`--only: unknown part ${unknown.join(", ")} (use ${SECTION_IDS.join(", ")}).`);
  return {
    only: only as SectionId[],
    runs: whole(values.runs, "runs", 5),
    orders: whole(values.orders, "orders", 1_000_000, 100),
    customers: whole(values.customers, "customers", 10_000),
    placeOrders: whole(values["place-orders"], "place-orders", 200, 10),
    reps: whole(values.reps, "reps", 40, 5),
    lighthouseRuns: whole(values["lighthouse-runs"], "lighthouse-runs", 3),
    pollingOrders: whole(values["polling-orders"], "polling-orders", 10_000, 10),
    pollingBudget: whole(values["polling-budget"], "polling-budget", 600),
    pollingSeconds: whole(values["polling-seconds"], "polling-seconds", 90, 10),
    apiOrders: whole(values["api-orders"], "api-orders", 100, 10),
  };
}

type Options = ReturnType<typeof parseOptions>;

function commandLine(options: Options, id: SectionId): string {
  const args = [`--only ${id}`, `--runs ${options.runs}`];
  if (id === "placement") args.push(`--place-orders ${options.placeOrders}`);
  if (id === "history")
    args.push(`--orders ${options.orders}`, `--customers ${options.customers}`, `--reps ${options.reps}`);
  if (id === "api") args.push(`--api-orders ${options.apiOrders}`);
  if (id === "pages") args.push(`--lighthouse-runs ${options.lighthouseRuns}`);
  if (id === "polling")
    return `npm run bench -- --only polling --polling-orders ${options.pollingOrders} --polling-budget ${options.pollingBudget} --polling-seconds ${options.pollingSeconds}`;
  return `npm run bench -- ${args.join(" ")}`;
}

async function runPart(id: SectionId, options: Options): Promise<Section> {
  const started = performance.now();
  console.log(`\n== ${id} ==`);
  let section: Section;
  if (id === "placement") {
    await setAppDatabase(await createDatabase("placement"));
    const { benchPlacement } = await import("./placement");
    section = await benchPlacement({ runs: options.runs, ordersPerRun: options.placeOrders });
  } else if (id === "history") {
    const { benchHistory } = await import("./history");
    section = await benchHistory({
      orders: options.orders,
      customers: options.customers,
      reps: options.reps,
    });
  } else if (id === "polling") {
    await setAppDatabase(await createDatabase("polling"));
    const { benchPolling } = await import("./polling");
    section = await benchPolling({
      orders: options.pollingOrders,
      budgetPerMinute: options.pollingBudget,
      windowSeconds: options.pollingSeconds,
    });
  } else if (id === "api") {
    const { benchApi } = await import("./api");
    section = await benchApi({ runs: options.runs, ordersPerRun: options.apiOrders });
  } else {
    const { benchPages } = await import("./pages");
    section = await benchPages({ lighthouseRuns: options.lighthouseRuns });
  }
  console.log(`== ${id} done in ${((performance.now() - started) / 1000).toFixed(0)} s ==`);
  return section;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const server = process.env.DATABASE_URL?.trim();
  if (!server) console.log(`DATABASE_URL is not set; using ${DEFAULT_SERVER_URL}.`);
  setServer(server || DEFAULT_SERVER_URL);
  const machine = await describeMachine();
  console.log(
    `Machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.cpuModel}; Node ${machine.node}; PostgreSQL ${machine.postgres}`,
  );
  const run = runInfo();
  const rendered = new Map<SectionId, string>();
  for (const id of options.only) {
    // The machine is shared: the load around a part says how much else competed for its cores.
    const loadBefore = os.loadavg()[0]!;
    const section = await runPart(id, options);
    const load = `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after, on ${os.cpus().length} cores`;
    rendered.set(id, renderSection(section, run, commandLine(options, id), load));
    for (const f of section.figures)
      console.log(
        `  ${f.name}: ${f.value} vs ${f.baseline} → ${f.comparison}${f.met === null ? "" : f.met ? " (met)" : " (NOT met)"}`,
      );
  }
  const partial = options.only.length < SECTION_IDS.length;
  await writeReport(machine, run, rendered, partial);
  console.log(
    `\nWrote ${DOC_PATH}${partial ? ` (sections ${options.only.join(", ")}; the others kept)` : ""}.`,
  );
}

let exiting = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n${signal}: dropping the benchmark databases…`);
    void runCleanups()
      .then(dropDatabases)
      .finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await runCleanups();
    await dropDatabases();
    // Open handles (a pool's idle timer, an HTTP agent) must not keep a finished run alive.
    process.exit(process.exitCode ?? 0);
  });
