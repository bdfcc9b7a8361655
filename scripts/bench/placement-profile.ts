import { parseCsr } from "@/lib/csr/decode";
import { inspectParsedCsr } from "@/lib/csr/inspect";
import { verifyParsedCsrOnServer } from "@/lib/csr/verify-server";
import { forgetAnswer, journalAnswer } from "@/lib/orders/lifecycle/journal";
import { createDraft } from "@/lib/orders/commands/drafts";
import { useSectigoClient as setSectigoClient } from "@/lib/orders/lifecycle/send";
import { submitOrder } from "@/lib/orders/commands/submit";
import { validateOrderInput } from "@/lib/orders/lifecycle/validate";
import type { SectigoClient } from "@/lib/sectigo/client";
import { profileCategories, type CategoryTime } from "./cpu-profile";
import { runLoad } from "./load";
import { bareJobs, portalJobs, rawInput, type PlacementBed } from "./placement-setup";
import { installQueryTimer, type Statement } from "./query-timer";
import { median } from "./stats";

// Where the portal's time per order goes: a pass at concurrency 1 that times each phase of
// submitOrder, and CPU profiles of a portal run and a bare run at concurrency 16. Both run after
// the benchmark figures were taken, because the instrumentation itself costs time.

export interface Phases {
  orders: number;
  totalMs: number;
  validateMs: number;
  csrMs: number;
  /** The answer journal's write and removal, timed on their own (the send overlaps the write). */
  journalMs: number;
  dbMs: number;
  dbQueries: number;
  caMs: number;
  otherMs: number;
  /** The queries of the last order profiled, in order, with their wall time. */
  statements: Statement[];
}

/** Median per order of each phase of `submitOrder`, at concurrency 1. */
export async function measurePhases(bed: PlacementBed, count: number): Promise<Phases> {
  let caMs = 0;
  const timedClient: SectigoClient = {
    ...bed.portal,
    endpoint: bed.portal.endpoint,
    loginName: bed.portal.loginName,
    placeOrder: (input, options) => bed.portal.placeOrder(input, options),
    // The lifecycle builds the request once and sends it through send().
    async send(params, options) {
      const started = performance.now();
      try {
        return await bed.portal.send(params, options);
      } finally {
        caMs += performance.now() - started;
      }
    },
    close: () => bed.portal.close(),
  };
  const drafts = [];
  for (let i = 0; i < count; i += 1) {
    const customer = bed.customers[i % bed.customers.length]!;
    const input = rawInput(bed, i);
    drafts.push({ customer, input, id: (await createDraft(customer, input, "review", false)).id });
  }
  const rows: Omit<Phases, "orders" | "statements">[] = [];
  let statements: Phases["statements"] = [];
  const timer = installQueryTimer();
  setSectigoClient(timedClient);
  try {
    for (const { customer, input, id } of drafts) {
      // Validation is timed on its own, on the same input: submitOrder calls the same function.
      let started = performance.now();
      await validateOrderInput(input);
      const validateMs = performance.now() - started;
      // What validateOrderInput does with the CSR: one parse, the rules, the node:crypto check.
      started = performance.now();
      const parsed = parseCsr(input.csr);
      if (parsed.ok) await inspectParsedCsr(parsed.parsed, { verifySignature: verifyParsedCsrOnServer });
      const csrMs = performance.now() - started;
      started = performance.now();
      const attemptId = crypto.randomUUID();
      await journalAnswer({
        orderId: id,
        attemptId,
        status: "PLACED",
        attempt: { outcome: "PLACED", durationMs: 1, responseBody: "errorCode=0", httpStatus: 200 },
        order: { status: "PLACED" },
        answeredAt: new Date().toISOString(),
      });
      await forgetAnswer(attemptId);
      const journalMs = performance.now() - started;
      timer.reset();
      caMs = 0;
      started = performance.now();
      // A refusal throws (Refusal) and ends the profiling pass.
      await submitOrder(customer, { orderId: id, input, test: false });
      const totalMs = performance.now() - started;
      statements = [...timer.statements];
      rows.push({
        totalMs,
        validateMs,
        csrMs,
        journalMs,
        dbMs: timer.ms,
        dbQueries: timer.count,
        caMs,
        otherMs: totalMs - validateMs - timer.ms - caMs,
      });
    }
  } finally {
    timer.uninstall();
    setSectigoClient(bed.portal);
  }
  const m = (key: keyof (typeof rows)[number]) => median(rows.map((r) => r[key]));
  return {
    orders: count,
    totalMs: m("totalMs"),
    validateMs: m("validateMs"),
    csrMs: m("csrMs"),
    journalMs: m("journalMs"),
    dbMs: m("dbMs"),
    dbQueries: m("dbQueries"),
    caMs: m("caMs"),
    otherMs: m("otherMs"),
    statements,
  };
}

export const NODE_CORE = "Node.js core";

const CATEGORIES: [RegExp, string][] = [
  [
    /\/lib\/csr\/|@peculiar|asn1|pvtsutils|tsyringe|reflect-metadata/,
    "CSR decoding and checks (lib/csr, @peculiar/x509)",
  ],
  [/\/lib\/generated\/prisma\/|@prisma\//, "Prisma client (query compiling, result mapping)"],
  [/node_modules\/(pg|pg-[a-z-]+|postgres-[a-z-]+)\//, "pg driver"],
  [/node_modules\/zod\//, "zod (order schema)"],
  [/node_modules\/undici\//, "undici (HTTP client)"],
  [/\/sandbox\//, "sandbox CA (in this process)"],
  [/\/lib\/sectigo\//, "lib/sectigo (request parameters, response parsing)"],
  [/node_modules\/(pino|thread-stream|sonic-boom)|\/lib\/log/, "logging"],
  [/\/lib\/orders\/lifecycle\/journal\.ts/, "answer journal (lib/orders/lifecycle/journal.ts)"],
  [/\/lib\/|\/tests\/|\/scripts\//, "other portal and benchmark code"],
  [/node_modules\/tsx\//, "tsx loader"],
  [
    /^node:internal\/crypto|^node:crypto/,
    "Node.js crypto (signature checks: node:crypto in the portal, WebCrypto in the sandbox)",
  ],
  [/^node:|^internal\/|^$/, NODE_CORE],
];
// Node's own code (sockets, files, timers, promises) is named after whoever asked for it.
const BY_CALLER = new Set([NODE_CORE]);

function categorize(url: string): string {
  for (const [pattern, name] of CATEGORIES) if (pattern.test(url)) return name;
  return "other dependencies";
}

export interface CpuProfiles {
  orders: number;
  portal: CategoryTime[];
  bare: CategoryTime[];
}

/** Self CPU time per category, per order, of a portal run and a bare run at this concurrency. */
export async function profileCpu(
  bed: PlacementBed,
  count: number,
  concurrency: number,
): Promise<CpuProfiles> {
  const portal = await portalJobs(bed, count);
  const options = { byCaller: BY_CALLER };
  const portalTimes = await profileCategories(
    async () => void (await runLoad(portal, concurrency)),
    categorize,
    options,
  );
  const bare = bareJobs(bed, count);
  const bareTimes = await profileCategories(
    async () => void (await runLoad(bare, concurrency)),
    categorize,
    options,
  );
  const perOrder = (times: CategoryTime[]) => times.map((t) => ({ category: t.category, ms: t.ms / count }));
  return { orders: count, portal: perOrder(portalTimes), bare: perOrder(bareTimes) };
}
