import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SectigoClient } from "@/lib/sectigo/client";
import { getProduct } from "@/lib/sectigo/products";
import type { RunningSandbox } from "@/sandbox/server";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { clientFor, getJson, newFon, postJson, startTestSandbox } from "./support/harness";
import { minimalInput } from "./support/orders";

// Sectigo gives every certificate its own 16-digit ID. A sandbox that counts from a fixed start
// hands the same IDs out again after each restart or reset, so the portal stores duplicates.

const ORDERS_PER_RUN = 25;

describe("sandbox certificate IDs", () => {
  let csrs: TestCsrs;
  const sandboxes: RunningSandbox[] = [];
  const clients: SectigoClient[] = [];

  beforeAll(async () => {
    csrs = await testCsrs();
    for (let i = 0; i < 2; i++) {
      const sandbox = await startTestSandbox();
      sandboxes.push(sandbox);
      clients.push(clientFor(sandbox));
    }
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    for (const sandbox of sandboxes) await sandbox.close();
  });

  async function placeMany(client: SectigoClient): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < ORDERS_PER_RUN; i++) {
      const result = await client.placeOrder(minimalInput(getProduct(781)!, csrs), {
        foreignOrderNumber: newFon("id"),
        checkFONIsUnique: true,
        test: true,
      });
      expect(result.kind, JSON.stringify(result)).toBe("success");
      if (result.kind === "success") ids.push(result.certificateId ?? "");
    }
    return ids;
  }

  it("answers a unique 16-digit ID for every order, across two sandboxes and a reset", async () => {
    const first = await placeMany(clients[0]!);
    const second = await placeMany(clients[1]!);
    await postJson(`${sandboxes[0]!.url}/sandbox/reset`, {});
    const afterReset = await placeMany(clients[0]!);
    const all = [...first, ...second, ...afterReset];

    expect(all).toHaveLength(3 * ORDERS_PER_RUN);
    for (const id of all) expect(id).toMatch(/^[1-9]\d{15}$/);
    expect(new Set(all).size).toBe(all.length);

    // The sandbox's own record holds the same IDs it answered.
    const listed = await getJson<{ certificateId: string }[]>(`${sandboxes[1]!.url}/sandbox/orders`);
    expect(listed.map((o) => o.certificateId).sort()).toEqual([...second].sort());
  });
});
