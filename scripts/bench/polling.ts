import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { startStatusTicker } from "@/lib/jobs/status-ticker";
import { claimDueChecks, type TrackingSettings } from "@/lib/orders/lifecycle/track";
import { newExternalOrderNumber } from "@/lib/orders/model/external-number";
import { createSectigoClient } from "@/lib/sectigo/client";
import { getProduct } from "@/lib/sectigo/products";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { createUser } from "@/lib/users/data";
import { startSandbox } from "@/sandbox/server";
import type { TestCsrs } from "@/tests/sectigo/support/csrs";
import { makeCsr } from "@/tests/support/csr";
import { minimalInput } from "@/tests/sectigo/support/orders";
import { runLoad } from "./load";
import { markdownTable, type Section } from "./report";
import { fmt, percentile } from "./stats";

// Status polling at scale: N orders placed at the sandbox CA and open in the portal, all due a
// check, and two status tickers (two portal instances) sharing one budget of checks per minute.
// What is measured: checks started per wall-clock minute by both together, and the calls Sectigo
// received, against the configured budget (the baseline of the same run); the claim statement's
// time with N open orders; and that no order was checked twice at once.

export interface PollingOptions {
  orders: number;
  budgetPerMinute: number;
  windowSeconds: number;
}

export async function benchPolling(options: PollingOptions): Promise<Section> {
  const sandbox = await startSandbox({ port: 0, balance: 1e12, successCode: 0, faults: {}, stepDelayMs: 0 });
  const client = createSectigoClient({
    baseUrl: sandbox.url,
    loginName: sandbox.loginName,
    loginPassword: sandbox.loginPassword,
    timeoutMs: 30_000,
  });
  const prisma = await db();
  try {
    const owner = await createUser({
      email: `bench-polling-${randomUUID()}@example.com`,
      name: "Bench Polling",
      password: "bench-password-not-secret",
      role: "CUSTOMER",
    });
    const product = getProduct(781)!;
    const input = orderInputSchema.parse(
      minimalInput(product, { person: await makeCsr({ subject: { commonName: "Bench Seal" } }) } as TestCsrs),
    );

    // Orders at the sandbox first (so every status question has a real answer), then the portal's.
    console.log(`  placing ${options.orders} orders at the sandbox…`);
    const numbers: string[] = [];
    await runLoad(
      Array.from({ length: options.orders }, () => async () => {
        const placed = await client.placeOrder(input, {
          foreignOrderNumber: newExternalOrderNumber(),
          checkFONIsUnique: true,
          test: false,
        });
        if (placed.kind !== "success") return false;
        numbers.push(placed.orderNumber);
        return true;
      }),
      16,
    );
    const rows = numbers.map((n) => ({
      ownerId: owner.id,
      organizationId: owner.id,
      externalOrderNumber: newExternalOrderNumber(),
      productCode: 781,
      status: "PLACED" as const,
      sectigoOrderNumber: n,
      input: input as object,
      placedAt: new Date(),
    }));
    for (let i = 0; i < rows.length; i += 1000)
      await prisma.order.createMany({ data: rows.slice(i, i + 1000) });
    const open = await prisma.orderTracking.count({ where: { nextCheckAt: { not: null } } });
    console.log(`  ${open} orders open and due a check`);

    const settings: TrackingSettings = {
      // Long waits: within the window each order is checked at most once, so every check is new.
      minSeconds: 3600,
      maxSeconds: 10_800,
      perMinute: options.budgetPerMinute,
      leaseSeconds: 180,
      minGapSeconds: 10,
      trustedRoots: [],
    };

    // The claim statement alone, with every order open (no lease taken: limit 0 answers at once,
    // so this times the advisory lock, the count and an empty claim).
    const claimTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await claimDueChecks(prisma, { ...settings, perMinute: 1_000_000 }, new Date(), 0);
      claimTimes.push(performance.now() - started);
    }

    const callsBefore = Object.values(sandbox.state.calls).reduce((a, b) => a + (b ?? 0), 0);
    const started = Date.now();
    const tickers = [
      startStatusTicker(prisma, () => client, settings, 1),
      startStatusTicker(prisma, () => client, settings, 1),
    ];
    console.log(
      `  two tickers for ${options.windowSeconds} s at a budget of ${options.budgetPerMinute}/min…`,
    );
    await sleep(options.windowSeconds * 1000);
    await Promise.all(tickers.map((t) => t.stop()));
    const elapsedMin = (Date.now() - started) / 60_000;

    const checks = await prisma.orderTracking.findMany({
      where: { lastCheckStartedAt: { gte: new Date(started) } },
      select: { lastCheckStartedAt: true },
    });
    const times = checks.map((c) => c.lastCheckStartedAt!.getTime()).sort((a, b) => a - b);
    // The busiest 60 s window (sliding): what the budget must hold to.
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 60_000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    const calls = Object.values(sandbox.state.calls).reduce((a, b) => a + (b ?? 0), 0) - callsBefore;
    const perMinute = checks.length / elapsedMin;
    const callsPerMinute = calls / elapsedMin;
    const callsPerCheck = checks.length ? calls / checks.length : 0;
    const doubleLeased = await prisma.orderTracking.count({ where: { leaseUntil: { not: null } } });

    return {
      id: "polling",
      title: "4. Status polling",
      method: [
        `**Load:** ${options.orders.toLocaleString("en-US")} orders of product 781 placed at the sandbox CA (in this process) and open in the portal, every one due a status check at the start. Two status tickers (\`lib/jobs/status-ticker.ts\`, as two portal instances would run them, ticking every second) share the database's budget of **${options.budgetPerMinute} checks per minute** (\`STATUS_CHECKS_PER_MINUTE\`, enforced in \`claimDueChecks\` under one advisory lock) for ${options.windowSeconds} s. **Baseline:** the configured budget. A check of a seal order asks two questions (\`!GetDetailedOrderStatus\`, \`!getPostPaymentStatus\`); a QWAC's adds \`!GetMDCDomainDetails\`, and an issued order's the one collection.`,
      ],
      figures: [
        {
          name: "checks per minute, both instances together",
          value: fmt(perMinute),
          baseline: `${options.budgetPerMinute} (budget)`,
          comparison: `${fmt(perMinute / options.budgetPerMinute)}× the budget`,
          target: "≤ budget",
          met: perMinute <= options.budgetPerMinute * 1.001,
        },
        {
          name: "checks in the busiest 60 s",
          value: String(busiest),
          baseline: `${options.budgetPerMinute} (budget)`,
          comparison: `${fmt(busiest / options.budgetPerMinute)}× the budget`,
          target: "≤ budget",
          met: busiest <= options.budgetPerMinute,
        },
        {
          name: "calls Sectigo received per minute",
          value: fmt(callsPerMinute),
          baseline: `${options.budgetPerMinute} checks`,
          comparison: `${fmt(callsPerCheck)} calls per check`,
          target: "–",
          met: null,
        },
        {
          name: `claim statement with ${options.orders.toLocaleString("en-US")} open orders (p50 / p95 of 20)`,
          value: `${fmt(percentile(claimTimes, 50))} / ${fmt(percentile(claimTimes, 95))} ms`,
          baseline: "–",
          comparison: "–",
          target: "–",
          met: null,
        },
      ],
      notes: [
        markdownTable(
          ["", "value"],
          [
            ["window", `${fmt(elapsedMin * 60)} s`],
            ["checks started", String(checks.length)],
            ["calls received by the sandbox", String(calls)],
            ["orders still leased after both stopped", String(doubleLeased)],
          ],
        ),
        `With ${options.orders.toLocaleString("en-US")} open orders and this budget one pass over all of them takes ${fmt(options.orders / options.budgetPerMinute)} minutes; the per-order wait (${"`STATUS_CHECK_MIN_SECONDS`"} doubling to ${"`STATUS_CHECK_MAX_SECONDS`"}) decides how often an order comes round after that, and a push or "Refresh now" makes it due at once within the same budget.`,
      ],
    };
  } finally {
    await client.close();
    await sandbox.close();
  }
}
