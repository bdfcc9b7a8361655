import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PlaceOrderOptions, SectigoClient } from "@/lib/sectigo/client";
import { getProduct } from "@/lib/sectigo/products";
import type { OrderInput } from "@/lib/sectigo/schema";
import type { FaultConfig, RunningSandbox, SandboxOrder } from "@/sandbox/server";
import { testCsrs } from "./support/csrs";
import { clientFor, getJson, newFon, postJson, startTestSandbox } from "./support/harness";
import { minimalInput } from "./support/orders";

// Fault injection: what the client reports when the CA is slow, failing, garbled or drops the
// connection after placing the order, and how the duplicate check makes a retry safe.

let sandbox: RunningSandbox;
let client: SectigoClient;
let input: OrderInput;

beforeAll(async () => {
  const [started, csrs] = await Promise.all([startTestSandbox(), testCsrs()]);
  sandbox = started;
  input = minimalInput(getProduct(781)!, csrs);
  client = clientFor(sandbox, { timeoutMs: 500 });
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
beforeEach(() => setFaults({}));

function setFaults(faults: FaultConfig) {
  return postJson(`${sandbox.url}/sandbox/faults`, faults);
}

function opts(foreignOrderNumber: string, extra: Partial<PlaceOrderOptions> = {}): PlaceOrderOptions {
  return { foreignOrderNumber, checkFONIsUnique: true, test: false, ...extra };
}

const ordersFor = (fon: string) =>
  getJson<SandboxOrder[]>(`${sandbox.url}/sandbox/orders?foreignOrderNumber=${encodeURIComponent(fon)}`);

describe("fault injection", () => {
  it("latency beyond the client's timeout: timeout, may have reached the CA, and it did", async () => {
    await setFaults({ latencyMs: 3_000 });
    const fon = newFon("slow");
    const result = await client.placeOrder(input, opts(fon));
    expect(result).toMatchObject({ kind: "transport", reason: "timeout", mayHaveReachedCa: true });
    expect(result.durationMs).toBeGreaterThanOrEqual(450);
    expect(result.durationMs).toBeLessThan(2_500);
    expect(await ordersFor(fon)).toHaveLength(1);
  });

  it("latency within the timeout is only slow", async () => {
    await setFaults({ latencyMs: 150 });
    const result = await client.placeOrder(input, opts(newFon("ok")));
    expect(result.kind).toBe("success");
    expect(result.durationMs).toBeGreaterThanOrEqual(140);
  });

  it.each([
    ["http500", 500],
    ["http503", 503],
  ] as const)("%s: an HTTP-status failure with the error page, and no order", async (mode, status) => {
    await setFaults({ mode });
    const fon = newFon(mode);
    const result = await client.placeOrder(input, opts(fon));
    expect(result).toMatchObject({
      kind: "transport",
      reason: "http-status",
      httpStatus: status,
      mayHaveReachedCa: true,
    });
    expect(result.kind === "transport" && result.rawBody).toMatch(/<html>/);
    expect(await ordersFor(fon)).toHaveLength(0);
  });

  it("malformed: unparseable, and the order exists", async () => {
    await setFaults({ mode: "malformed" });
    const fon = newFon("garbled");
    const result = await client.placeOrder(input, opts(fon));
    expect(result).toMatchObject({
      kind: "transport",
      reason: "unparseable",
      httpStatus: 200,
      mayHaveReachedCa: true,
    });
    expect(await ordersFor(fon)).toHaveLength(1);
  });

  it("drop-after-place, then a retry with the same reference: one order, the retry refused as duplicate", async () => {
    await setFaults({ mode: "drop-after-place", remaining: 1 });
    const fon = newFon("drop");
    const before = sandbox.state.requestCount;

    const first = await client.placeOrder(input, opts(fon));
    expect(first).toMatchObject({ kind: "transport", reason: "network", mayHaveReachedCa: true });
    expect(sandbox.state.requestCount).toBe(before + 1);
    expect(await ordersFor(fon)).toHaveLength(1);

    const retry = await client.placeOrder(input, opts(fon));
    expect(retry).toMatchObject({ kind: "ca-error", error: { class: "duplicate-fon" } });
    expect(sandbox.state.requestCount).toBe(before + 2);
    expect(await ordersFor(fon)).toHaveLength(1);
  });

  it("remaining: the fault applies to the next N requests, then reverts", async () => {
    await setFaults({ mode: "http503", remaining: 2 });
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await client.placeOrder(input, opts(newFon("n")))).kind);
    expect(kinds).toEqual(["transport", "transport", "success"]);
    expect(await getJson(`${sandbox.url}/sandbox/faults`)).toEqual({});
  });

  it("rate: 0 never applies, 1 always does", async () => {
    await setFaults({ mode: "http500", rate: 0 });
    expect((await client.placeOrder(input, opts(newFon("r0")))).kind).toBe("success");
    await setFaults({ mode: "http500", rate: 1 });
    expect((await client.placeOrder(input, opts(newFon("r1")))).kind).toBe("transport");
  });

  it("rejects an unknown fault mode", async () => {
    const response = await fetch(`${sandbox.url}/sandbox/faults`, {
      method: "POST",
      body: '{"mode":"explode"}',
    });
    expect(response.status).toBe(400);
  });

  it("faults given at start apply from the first request", async () => {
    const faulty = await startTestSandbox({ faults: { mode: "http503", remaining: 1 } });
    const faultyClient = clientFor(faulty);
    expect(await faultyClient.placeOrder(input, opts(newFon("s")))).toMatchObject({
      kind: "transport",
      httpStatus: 503,
    });
    expect((await faultyClient.placeOrder(input, opts(newFon("s")))).kind).toBe("success");
    await faultyClient.close();
    await faulty.close();
  });
});

describe("transport outcomes without faults", () => {
  it("connection refused: the CA cannot have seen the order", async () => {
    const closed = await startTestSandbox();
    await closed.close();
    const orphan = clientFor(closed);
    const result = await orphan.placeOrder(input, opts(newFon("refused")));
    expect(result).toMatchObject({ kind: "transport", reason: "network", mayHaveReachedCa: false });
    await orphan.close();
  });

  it("an abort signal cancels the request", async () => {
    await setFaults({ latencyMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const patient = clientFor(sandbox, { timeoutMs: 5_000 });
    const result = await patient.placeOrder(input, opts(newFon("abort"), { signal: controller.signal }));
    expect(result).toMatchObject({ kind: "transport", reason: "aborted", mayHaveReachedCa: true });
    expect(result.durationMs).toBeLessThan(1_500);
    await patient.close();
  });

  it("reuses keep-alive connections instead of opening one per order", async () => {
    const keepAlive = clientFor(sandbox);
    const before = sandbox.state.connectionCount;
    for (let i = 0; i < 6; i++)
      expect((await keepAlive.placeOrder(input, opts(newFon("ka")))).kind).toBe("success");
    // undici may open a second socket while the first is being released; it never grows per order.
    expect(sandbox.state.connectionCount - before).toBeLessThanOrEqual(2);
    await keepAlive.close();
  });
});
