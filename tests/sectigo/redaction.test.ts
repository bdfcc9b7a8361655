import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import type { PlaceOrderResult } from "@/lib/sectigo/client";
import { getProduct } from "@/lib/sectigo/products";
import type { RunningSandbox } from "@/sandbox/server";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { clientFor, newFon, postJson, startTestSandbox } from "./support/harness";
import { minimalInput } from "./support/orders";

// The account password must not appear in any result, request snapshot, error or log line,
// whatever the outcome. Every attempt is logged at debug level, so the log check is real.

const PASSWORD = "Sup3r-S3cret-Passw0rd-9b1f";

let sandbox: RunningSandbox;
let csrs: TestCsrs;
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});

beforeAll(async () => {
  [sandbox, csrs] = await Promise.all([startTestSandbox({ loginPassword: PASSWORD }), testCsrs()]);
});
afterAll(() => sandbox.close());

describe("the password", () => {
  it("is absent from every result and log line, across all outcomes", async () => {
    const logger = createLogger(sink, "debug");
    // The timeout only has to be shorter than the latency fault below, and long enough for a busy machine.
    const client = clientFor(sandbox, { logger, timeoutMs: 1_500 });
    const input = minimalInput(getProduct(779)!, csrs);
    const place = (changes: Record<string, unknown> = {}) =>
      client.placeOrder(
        { ...input, ...changes },
        { foreignOrderNumber: newFon("pw"), checkFONIsUnique: true, test: false },
      );

    const results: PlaceOrderResult[] = [];
    results.push(await place());
    results.push(await place({ countryName: "XX" }));
    await postJson(`${sandbox.url}/sandbox/faults`, { mode: "malformed", remaining: 1 });
    results.push(await place());
    await postJson(`${sandbox.url}/sandbox/faults`, { mode: "http500", remaining: 1 });
    results.push(await place());
    await postJson(`${sandbox.url}/sandbox/faults`, { latencyMs: 3_000, remaining: 1 });
    results.push(await place());
    await postJson(`${sandbox.url}/sandbox/faults`, {});
    const stranger = clientFor(sandbox, { logger, loginPassword: `${PASSWORD}-wrong` });
    results.push(
      await stranger.placeOrder(input, { foreignOrderNumber: newFon(), checkFONIsUnique: true, test: false }),
    );
    const nowhere = clientFor({ ...sandbox, url: "http://127.0.0.1:9" }, { logger });
    results.push(
      await nowhere.placeOrder(input, { foreignOrderNumber: newFon(), checkFONIsUnique: true, test: false }),
    );
    await Promise.all([client.close(), stranger.close(), nowhere.close()]);

    expect(results.map((r) => r.kind)).toEqual([
      "success",
      "ca-error",
      "transport",
      "transport",
      "transport",
      "ca-error",
      "transport",
    ]);
    for (const result of results) {
      expect(result.request.params.loginPassword).toBe("[REDACTED]");
      expect(JSON.stringify(result)).not.toContain(PASSWORD);
    }
    const requestLines = lines.filter((l) => l.includes("sectigo.request"));
    expect(requestLines).toHaveLength(results.length);
    for (const line of requestLines) expect(line).toContain('"loginPassword":"[REDACTED]"');
    expect(lines.filter((l) => l.includes("sectigo.response"))).toHaveLength(results.length);
    for (const line of lines) expect(line).not.toContain(PASSWORD);

    const listing = await (await fetch(`${sandbox.url}/sandbox/orders`)).text();
    expect(listing).toContain("orderNumber");
    expect(listing).not.toContain(PASSWORD);
  });
});
