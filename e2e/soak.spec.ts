import { SUPPORT_QUEUE } from "@/lib/orders/model/transitions";
import { readActionIds } from "../scripts/soak/action-ids";
import { runSoak, type Account } from "../scripts/soak/core";
import { InputPool } from "../scripts/soak/order-inputs";
import { exportOrderSource, pgOrderSource, type OrderSource } from "../scripts/soak/order-source";
import { HttpLog, keepAliveAgent, PortalClient } from "../scripts/soak/portal-client";
import { formatReport } from "../scripts/soak/report";
import { FAULT_KINDS, httpFaults } from "../scripts/soak/sandbox";
import { expect, test } from "./fixtures";
import { DEMO_STAFF_TOTP_SECRET } from "../lib/users/demo-second-factor";
import { demo, DEMO_PASSWORD, freshTotpCode, uniqueEmail } from "./support";
import { SANDBOX } from "./wizard";

// A short `npm run soak` against the servers Playwright started: a few customers sign up and place
// orders over HTTP through the wizard's server actions while the sandbox CA fails a share of the
// requests. The browser-test portal runs with RETRY_MAX_ATTEMPTS=0, so a faulted order goes to the
// support queue at once. The load is capped so the queue stays short for the support spec.

async function resetSandboxFaults(): Promise<void> {
  const response = await fetch(`${SANDBOX}/sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(response.ok).toBe(true);
}

test.afterEach(resetSandboxFaults);

test("customers ordering while the CA fails lose no order and get none placed twice", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const baseUrl = baseURL!;
  const tag = `e2e${Date.now().toString(36)}`;
  const inputs = await new InputPool(tag).prepare(40);
  const accounts: Account[] = Array.from({ length: 4 }, (_, i) => ({
    name: `Soak Customer ${i + 1}`,
    email: uniqueEmail("soak"),
    password: "soak password 123",
  }));

  // The portal's database is embedded in its own process unless DATABASE_URL names a server.
  const agent = keepAliveAgent(2);
  let orders: OrderSource;
  // The admin also reads each new customer's verification mail on /admin/mail.
  const admin = new PortalClient(baseUrl, agent, new HttpLog());
  await admin.signIn(demo.admin, DEMO_PASSWORD);
  await admin.passSecondFactor(
    readActionIds().secondFactor,
    await freshTotpCode(demo.admin, DEMO_STAFF_TOTP_SECRET),
  );
  if (process.env.DATABASE_URL) {
    orders = pgOrderSource(process.env.DATABASE_URL);
  } else {
    orders = exportOrderSource(admin);
  }

  try {
    const report = await runSoak({
      baseUrl,
      sandboxUrl: SANDBOX,
      actionIds: readActionIds(),
      accounts,
      register: { admin },
      durationMs: 12_000,
      maxOrders: 60,
      inputs,
      faults: httpFaults(SANDBOX, { rate: 0.5, latencyMs: 20, kinds: FAULT_KINDS }),
      drainMs: 5_000,
      orders,
      test: true,
    });
    const text = formatReport(report).join("\n");
    await test.info().attach("soak report", { body: text, contentType: "text/plain" });
    console.log(text);

    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    // Enough orders that the faults (half of the CA calls) cannot all miss: 0.5^15 ≈ 3e-5.
    expect(report.submissions.length).toBeGreaterThanOrEqual(15);
    expect(report.serverErrors).toBe(0);
    expect(report.duplicates).toBe(0);
    // The faults did reach the portal: some orders wait for support, the rest were placed.
    const queued = SUPPORT_QUEUE.reduce((sum, s) => sum + (report.byStatus[s] ?? 0), 0);
    expect(queued).toBeGreaterThan(0);
    expect(report.byStatus.PLACED ?? 0).toBeGreaterThan(0);
  } finally {
    await orders.close();
    await agent.close();
  }
});
