import { describe, expect, it } from "vitest";
import { defaultPriceTable } from "@/sandbox/prices";
import { errorKit, expectCaError } from "./support/error-kit";
import { clientFor, newFon, postJson, startTestSandbox } from "./support/harness";

// eIDAS semantics, billing and idempotency errors of the sandbox CA, through the real client.

const { kit, order, place } = errorKit();

describe("eIDAS semantics", () => {
  const allRolesOff = {
    psd2RoleAccountServicing: false,
    psd2RolePaymentInitiation: false,
    psd2RoleAccountInformation: false,
    psd2RoleIssuingCardBased: false,
  };

  it("PSD2 product with no role set to Y", async () => {
    const result = await place(order(788, allRolesOff));
    expectCaError(result, -9044, "input", "psd2RoleAccountServicing");
    if (result.kind === "ca-error") expect(result.error.entry?.row).toBe(44);
  });

  it("personal identifier of type TAX", async () => {
    const result = await place(order(777, { personalIdentifier: "TAXDE-1234567890" }));
    expectCaError(result, -9045, "input", "personalIdentifier");
    if (result.kind === "ca-error") expect(result.message).toMatch(/TAX is no longer/);
  });

  it("malformed personal identifier, and one with a bad country", async () => {
    expectCaError(
      await place(order(779, { personalIdentifier: "1234567890" })),
      -9046,
      "input",
      "personalIdentifier",
    );
    expectCaError(
      await place(order(779, { personalIdentifier: "PNOXX-1234" })),
      -9047,
      "input",
      "personalIdentifier",
    );
  });
});

describe("account and idempotency", () => {
  it("-15 when the balance does not cover the price; test orders are not billed", async () => {
    await postJson(`${kit.sandbox.url}/sandbox/config`, { balance: 10 });
    expectCaError(await place(order(781)), -15, "account", null);
    const fon = newFon("test");
    const test = await kit.client.placeOrder(order(781), {
      foreignOrderNumber: fon,
      checkFONIsUnique: true,
      test: true,
    });
    expect(test).toMatchObject({ kind: "success", totalCost: "0.00" });
    expect(kit.sandbox.state.ordersFor(fon)[0]?.test).toBe(true);
    expect(kit.sandbox.state.balance).toBe(10);
    await postJson(`${kit.sandbox.url}/sandbox/config`, { balance: 1_000_000 });
  });

  it("debits the price and reports it; status 1 when the account collects from the customer", async () => {
    const before = kit.sandbox.state.balance;
    const result = await place(order(781, { days: 730 }));
    expect(result).toMatchObject({ kind: "success", status: 0, totalCost: "398.00" });
    expect(kit.sandbox.state.balance).toBe(before - 398);

    await postJson(`${kit.sandbox.url}/sandbox/config`, { successCode: 1 });
    expect(await place(order(781))).toMatchObject({ kind: "success", status: 1 });
    expect(kit.sandbox.state.balance).toBe(before - 398);
    await postJson(`${kit.sandbox.url}/sandbox/config`, { successCode: 0 });
  });

  it("order numbers increase", async () => {
    const first = await place(order(777));
    const second = await place(order(777));
    if (first.kind !== "success" || second.kind !== "success") throw new Error("orders failed");
    expect(Number(second.orderNumber)).toBeGreaterThan(Number(first.orderNumber));
  });

  it("a reused external order number with checkFONIsUnique=Y is a duplicate, and not billed twice", async () => {
    const fon = newFon("dup");
    expect((await place(order(777), fon)).kind).toBe("success");
    const again = await place(order(777), fon);
    expectCaError(again, -9000, "duplicate-fon", null);
    expect(kit.sandbox.state.ordersFor(fon)).toHaveLength(1);
    const unchecked = await kit.client.placeOrder(order(777), {
      foreignOrderNumber: fon,
      checkFONIsUnique: false,
      test: false,
    });
    expect(unchecked.kind).toBe("success");
    expect(kit.sandbox.state.ordersFor(fon)).toHaveLength(2);
  });

  it("-115 when the account has no price for the product", async () => {
    const prices = defaultPriceTable();
    delete prices[789];
    const unpriced = await startTestSandbox({ prices });
    const unpricedClient = clientFor(unpriced);
    const result = await unpricedClient.placeOrder(order(789), {
      foreignOrderNumber: newFon(),
      checkFONIsUnique: true,
      test: false,
    });
    expectCaError(result, -115, "account", null);
    await unpricedClient.close();
    await unpriced.close();
  });
});
