import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createApiKey } from "@/lib/api-keys/manage";
import { db } from "@/lib/db";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { updateApprovalSettings } from "@/lib/organizations/approval-settings";
import { createOrganization } from "@/lib/organizations/create-organization";
import { getProduct } from "@/lib/sectigo/products";
import { createUser } from "@/lib/users/data";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import type { TestCsrs } from "@/tests/sectigo/support/csrs";
import { minimalInput } from "@/tests/sectigo/support/orders";
import { makeCsr } from "@/tests/support/csr";
import { buildIfNeeded } from "../build-if-needed.mjs";
import { APP_URL, signIn, startAppServer } from "./app-server";
import { processTreeCpuMs } from "./cpu-time";
import { createDatabase, setAppDatabase } from "./databases";
import { runLoad, type Job, type LoadResult } from "./load";
import { PRODUCT_CODE } from "./placement-setup";
import { markdownTable, type Figure, type Section } from "./report";
import { callAction, findAction, type ActionManifest, type ActionRef } from "./server-actions";
import { fmt, median, percentile } from "./stats";

// 5. API: orders created and submitted through /api/v1 (a requester key, Idempotency-Key on
// every write) against the same orders created and submitted through the wizard's server actions
// (saveDraftAction, then submitOrderAction, posted as the browser posts them), both over HTTP to
// the production build, in alternating pairs. The sandbox CA runs in this process, so every
// order can be counted where it arrives.

export interface ApiOptions {
  runs: number;
  /** Orders per run at concurrency 1; runs at concurrency 16 place twice as many. */
  ordersPerRun: number;
}

const CONCURRENCIES = [1, 16] as const;
const CSR_POOL = 32;
const PASSWORD = "bench-password-not-secret";
const ACTIONS_FILE = "app/(portal)/orders/actions.ts";
const SIDES = ["api", "action"] as const;
type Side = (typeof SIDES)[number];
const LABEL: Record<Side, string> = { api: "API", action: "server action" };

interface Bed {
  sandbox: RunningSandbox;
  key: string;
  cookie: string;
  organizationId: string;
  actions: { save: ActionRef; submit: ActionRef };
  inputs: DraftInput[];
  /** The portal's `next start` process. */
  serverPid: number;
}

/** A timed run, with the CPU the portal's server process spent per order. */
type Run = LoadResult & { serverCpuMsPerJob: number; createMs: number; submitMs: number };

/** One timed run's orders: the portal ids placed, and the first failure's words. */
interface Placed {
  ids: string[];
  failure: string | null;
  /** Each order's two requests, timed on their own (ms). */
  create: number[];
  submit: number[];
}

// ---- The wizard's server actions over HTTP ------------------------------------------------

/** The wizard's two calls for an order: the draft saved at the review step, then the send. */
async function actionOrder(bed: Bed, input: DraftInput, placed: Placed): Promise<string> {
  let t0 = performance.now();
  const saved = await callAction(APP_URL, bed.actions.save, bed.cookie, [
    undefined,
    { input, step: "review", test: false, organizationId: bed.organizationId },
  ]);
  if (!saved.ok) throw new Error(`saveDraftAction: ${saved.message}`);
  const { orderId, version } = saved.data as { orderId: string; version: number };
  placed.create.push(performance.now() - t0);
  t0 = performance.now();
  const sent = await callAction(APP_URL, bed.actions.submit, bed.cookie, [
    undefined,
    { orderId, version, input, test: false },
  ]);
  if (!sent.ok) throw new Error(`submitOrderAction: ${sent.message}`);
  placed.submit.push(performance.now() - t0);
  return orderId;
}

// ---- /api/v1 ------------------------------------------------------------------------------

async function callApi(bed: Bed, path: string, body: unknown) {
  const response = await fetch(`${APP_URL}/api/v1${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${bed.key}`,
      "content-type": "application/json",
      "idempotency-key": randomUUID(),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function apiOrder(bed: Bed, input: DraftInput, placed: Placed): Promise<string> {
  let t0 = performance.now();
  const created = await callApi(bed, "/orders", { input, test: false });
  if (created.status !== 201)
    throw new Error(`POST /orders: ${created.status} ${JSON.stringify(created.body)}`);
  const { id, version } = created.body as { id: string; version: number };
  placed.create.push(performance.now() - t0);
  t0 = performance.now();
  const sent = await callApi(bed, `/orders/${id}/submit`, { version });
  if (sent.status !== 200 || sent.body.status !== "PLACED")
    throw new Error(`POST /orders/{id}/submit: ${sent.status} ${JSON.stringify(sent.body).slice(0, 300)}`);
  placed.submit.push(performance.now() - t0);
  return id;
}

// ---- The run ------------------------------------------------------------------------------

function jobs(bed: Bed, side: Side, count: number, placed: Placed): Job[] {
  const order = side === "api" ? apiOrder : actionOrder;
  return Array.from({ length: count }, (_, i) => async () => {
    try {
      placed.ids.push(await order(bed, bed.inputs[i % bed.inputs.length]!, placed));
      return true;
    } catch (error) {
      placed.failure ??= error instanceof Error ? error.message : String(error);
      return false;
    }
  });
}

/**
 * Every order of the run is PLACED in the portal, and the sandbox CA holds exactly one order
 * with its external number: no order lost, none sent twice.
 */
async function checkAtSandbox(bed: Bed, side: Side, placed: Placed, sandboxBefore: number): Promise<void> {
  const prisma = await db();
  const rows = await prisma.order.findMany({
    where: { id: { in: placed.ids } },
    select: { status: true, externalOrderNumber: true },
  });
  const notPlaced = rows.filter((r) => r.status !== "PLACED").length;
  const atSandbox = new Map<string, number>();
  for (const o of bed.sandbox.state.orders)
    if (o.foreignOrderNumber)
      atSandbox.set(o.foreignOrderNumber, (atSandbox.get(o.foreignOrderNumber) ?? 0) + 1);
  const notOnce = rows.filter((r) => atSandbox.get(r.externalOrderNumber) !== 1).length;
  const added = bed.sandbox.state.orders.length - sandboxBefore;
  if (rows.length !== placed.ids.length || notPlaced || notOnce || added !== placed.ids.length)
    throw new Error(
      `${LABEL[side]}: ${placed.ids.length} orders, ${rows.length} found, ${notPlaced} not placed, ` +
        `${notOnce} not exactly once at the sandbox, ${added} new sandbox orders.`,
    );
}

function serverCpuMs(bed: Bed): number {
  const ms = processTreeCpuMs(bed.serverPid);
  if (ms === null) throw new Error("The portal server's CPU time is read from /proc (Linux only).");
  return ms;
}

async function measure(bed: Bed, side: Side, count: number, concurrency: number): Promise<Run> {
  const placed: Placed = { ids: [], failure: null, create: [], submit: [] };
  const sandboxBefore = bed.sandbox.state.orders.length;
  const cpuBefore = serverCpuMs(bed);
  const result = await runLoad(jobs(bed, side, count, placed), concurrency);
  const serverCpuMsPerJob = (serverCpuMs(bed) - cpuBefore) / count;
  if (result.failures)
    throw new Error(
      `${result.failures} of ${count} ${LABEL[side]} orders failed at concurrency ${concurrency}; first: ${placed.failure}`,
    );
  await checkAtSandbox(bed, side, placed, sandboxBefore);
  return {
    ...result,
    serverCpuMsPerJob,
    createMs: median(placed.create),
    submitMs: median(placed.submit),
  };
}

type Pair = Record<Side, Run>;

async function measurePair(bed: Bed, count: number, concurrency: number, apiFirst: boolean): Promise<Pair> {
  const pair: Partial<Pair> = {};
  for (const side of apiFirst ? SIDES : ([...SIDES].reverse() as Side[]))
    pair[side] = await measure(bed, side, count, concurrency);
  return pair as Pair;
}

async function startBed(): Promise<{ bed: Bed; stop: () => Promise<void> }> {
  console.log("API: production build…");
  const built = await buildIfNeeded({ ...process.env, NODE_ENV: "production" });
  console.log(built ? "  built .next/" : "  .next/ is up to date with the sources");
  const manifest = JSON.parse(
    readFileSync(".next/server/server-reference-manifest.json", "utf8"),
  ) as ActionManifest;
  const actions = {
    save: findAction(manifest, ACTIONS_FILE, "saveDraftAction"),
    submit: findAction(manifest, ACTIONS_FILE, "submitOrderAction"),
  };
  const url = await createDatabase("api");
  await setAppDatabase(url);
  const sandbox = await startSandbox({
    port: Number(process.env.BENCH_SANDBOX_PORT) || 0,
    balance: 1e12,
    successCode: 0,
    faults: {},
  });
  try {
    const server = await startAppServer({
      databaseUrl: url,
      sectigoUrl: sandbox.url,
      loginName: sandbox.loginName,
      loginPassword: sandbox.loginPassword,
      // The load is one key's: the per-key limit (120 a minute by default) would refuse most of it.
      env: { API_REQUESTS_PER_MINUTE: "1000000" },
    });
    const owner = await createUser({
      email: "bench-api-owner@example.com",
      name: "Bench API Owner",
      password: PASSWORD,
      role: "CUSTOMER",
    });
    const { id: organizationId } = await createOrganization(owner, "Bench API GmbH");
    // Approval off: a requester's submission is sent at once, by key as by the wizard.
    await updateApprovalSettings(owner, {
      organizationId,
      approvalRequired: false,
      selfApprovalAllowed: true,
    });
    const { secret: key } = await createApiKey(owner, {
      organizationId,
      name: "bench",
      role: "REQUESTER",
      expiresOn: null,
    });
    const cookie = await signIn(owner.email, PASSWORD);
    const inputs: DraftInput[] = [];
    for (let i = 0; i < CSR_POOL; i += 1) {
      const csr = await makeCsr({ subject: { commonName: `Bench API Seal ${i}` } });
      inputs.push(minimalInput(getProduct(PRODUCT_CODE)!, { person: csr } as TestCsrs) as DraftInput);
    }
    return {
      bed: { sandbox, key, cookie, organizationId, actions, inputs, serverPid: server.pid },
      async stop() {
        await server.stop();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

function describe(c: number, run: number, pair: Pair): string {
  const line = (r: Run) =>
    `${fmt(r.ordersPerSecond)} orders/s, median ${fmt(median(r.latencies))} ms, p95 ${fmt(percentile(r.latencies, 95))} ms, ` +
    `server ${fmt(r.serverCpuMsPerJob)} ms CPU/order`;
  return `  c=${c} run ${run}: API ${line(pair.api)}; server action ${line(pair.action)}`;
}

export async function benchApi(options: ApiOptions): Promise<Section> {
  const { bed, stop } = await startBed();
  try {
    const { save, submit } = bed.actions;
    console.log(`API: server actions posted to ${save.path} and ${submit.path}`);
    console.log("API: warming up…");
    for (const c of CONCURRENCIES) await measurePair(bed, Math.min(16, options.ordersPerRun), c, true);
    const pairs = new Map<number, Pair[]>(CONCURRENCIES.map((c) => [c, []]));
    for (let run = 1; run <= options.runs; run += 1) {
      for (const c of CONCURRENCIES) {
        const pair = await measurePair(bed, options.ordersPerRun * (c === 1 ? 1 : 2), c, run % 2 === 1);
        pairs.get(c)!.push(pair);
        console.log(describe(c, run, pair));
      }
    }
    return apiSection(options, pairs);
  } finally {
    await stop();
  }
}

function apiSection(options: ApiOptions, pairs: Map<number, Pair[]>): Section {
  const of = (c: number) => pairs.get(c)!;
  const throughput = (c: number, side: Side) => median(of(c).map((p) => p[side].ordersPerSecond));
  const ratios = (c: number) => of(c).map((p) => p.api.ordersPerSecond / p.action.ordersPerSecond);
  const ratio = (c: number) => median(ratios(c));
  const range = (values: number[]) => `runs ${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)}`;
  const serverCpu = (c: number, side: Side) => median(of(c).map((p) => p[side].serverCpuMsPerJob));
  const cpuRatios = (c: number) => of(c).map((p) => p.api.serverCpuMsPerJob / p.action.serverCpuMsPerJob);
  const at = (c: number, side: Side, q: number) => median(of(c).map((p) => percentile(p[side].latencies, q)));
  const figures: Figure[] = [];
  for (const c of CONCURRENCIES) {
    figures.push({
      name: `orders created and submitted per second at concurrency ${c}`,
      value: `${fmt(throughput(c, "api"))} (API)`,
      baseline: `${fmt(throughput(c, "action"))} (server action)`,
      comparison: `${fmt(ratio(c), 2)}× the server action (${range(ratios(c))})`,
      target: "–",
      met: null,
    });
    figures.push({
      name: `portal server CPU per order at concurrency ${c}`,
      value: `${fmt(serverCpu(c, "api"))} ms (API)`,
      baseline: `${fmt(serverCpu(c, "action"))} ms (server action)`,
      comparison: `${fmt(median(cpuRatios(c)), 2)}× the server action (${range(cpuRatios(c))})`,
      target: "–",
      met: null,
    });
    for (const q of [50, 95] as const)
      figures.push({
        name: `p${q} latency per order (create + submit) at concurrency ${c}`,
        value: `${fmt(at(c, "api", q))} ms (API)`,
        baseline: `${fmt(at(c, "action", q))} ms (server action)`,
        comparison: `${at(c, "api", q) >= at(c, "action", q) ? "+" : ""}${fmt(at(c, "api", q) - at(c, "action", q))} ms`,
        target: "–",
        met: null,
      });
  }
  const method = [
    "**API:** `POST /api/v1/orders` (a draft) then `POST /api/v1/orders/{id}/submit` at the version " +
      "it answered, with a requester key of an organization whose approval is off, a fresh " +
      "`Idempotency-Key` on each write. **Baseline (server action):** the wizard's two calls for the " +
      "same order, `saveDraftAction` (the draft, at the review step, for that organization) then " +
      "`submitOrderAction`, posted as the browser posts them (`Next-Action` with the build's action " +
      "id, the signed-in owner's session cookie, the arguments in React's reply encoding). The send " +
      "revalidates `/orders`, so its answer carries the page re-rendered (about 11 KB of RSC); the " +
      "bench sends no router state tree, so that render includes the layouts a browser would already " +
      "hold. An order counts once its submission answered PLACED (API) or `ok` (action).",
    `Both go over HTTP to the production build (\`next start\`, the environment of the pages part's server, ` +
      "`LOG_LEVEL=warn`, the per-key limit raised so the load is not refused), which sends to the " +
      "sandbox CA started in the bench's process (no faults, no latency), one PostgreSQL database. " +
      `Product ${PRODUCT_CODE} with its minimal input and RSA-2048 CSRs from a pool of ${CSR_POOL}, ` +
      "prepared before the timed runs. Concurrency c means c orders in flight at once (c workers, one " +
      "client process, each order its two requests in turn).",
    `Each run places ${options.ordersPerRun} orders at concurrency 1 and ${options.ordersPerRun * 2} at ` +
      `concurrency 16 each way, API and action back to back (alternating which goes first), after one ` +
      `discarded warm-up pair; ${options.runs} runs. Figures are medians over the runs of each run's ` +
      "orders/s and latency percentiles; the ratio is the median of the per-run ratios. After every " +
      "timed run each of its orders is checked PLACED in the database, and the sandbox holds exactly " +
      "one order with its external number and no other new order; every run passed.",
  ];
  const notes = [
    "Per run:",
    markdownTable(
      [
        "concurrency",
        "run",
        "API orders/s",
        "action orders/s",
        "API p50 / p95 / p99 ms",
        "action p50 / p95 / p99 ms",
        "server CPU ms/order, API / action",
      ],
      CONCURRENCIES.flatMap((c) =>
        of(c).map((p, i) => {
          const q = (r: Run) => [50, 95, 99].map((x) => fmt(percentile(r.latencies, x))).join(" / ");
          return [
            String(c),
            String(i + 1),
            fmt(p.api.ordersPerSecond),
            fmt(p.action.ordersPerSecond),
            q(p.api),
            q(p.action),
            `${fmt(p.api.serverCpuMsPerJob)} / ${fmt(p.action.serverCpuMsPerJob)}`,
          ];
        }),
      ),
    ),
    "Each order's two requests on their own, medians over the runs of each run's median (ms): the " +
      "draft (`POST /orders`, `saveDraftAction`) and the submission with the CA call " +
      "(`POST /orders/{id}/submit`, `submitOrderAction`):",
    markdownTable(
      ["", "API create", "action create", "API submit", "action submit"],
      CONCURRENCIES.map((c) => [
        `concurrency ${c}`,
        ...(["createMs", "submitMs"] as const).flatMap((step) =>
          SIDES.map((side) => fmt(median(of(c).map((p) => p[side][step])))),
        ),
      ]),
    ),
    "CPU per order, medians over the runs: the portal's server (the `next start` process and its " +
      "children, from /proc: its own cost, whatever else the shared machine runs), the bench's process " +
      "(the HTTP client and the sandbox CA), and the whole machine (every process, other work on the " +
      "machine included), with the share of the machine's cores busy. On a busy machine the server's " +
      "CPU per order is the steadier comparison; throughput and latency also measure waiting for a core.",
    markdownTable(
      [
        "",
        "portal server CPU ms/order",
        "bench process CPU ms/order",
        "machine CPU ms/order",
        "machine busy",
      ],
      CONCURRENCIES.flatMap((c) =>
        SIDES.map((side) => [
          `${LABEL[side]}, concurrency ${c}`,
          fmt(serverCpu(c, side)),
          fmt(median(of(c).map((p) => p[side].processCpuMsPerJob))),
          fmt(median(of(c).map((p) => p[side].machineCpuMsPerJob))),
          `${Math.round(median(of(c).map((p) => p[side].machineBusy)) * 100)} %`,
        ]),
      ),
    ),
  ];
  return { id: "api", title: "5. API against the server action", method, figures, notes };
}
