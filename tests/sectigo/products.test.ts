import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SectigoClient } from "@/lib/sectigo/client";
import { PRODUCTS } from "@/lib/sectigo/products";
import { PARAMS, type FieldKey } from "@/lib/sectigo/registry";
import { fieldRules } from "@/lib/sectigo/rules";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { buildRequestParams } from "@/lib/sectigo/wire";
import type { RunningSandbox } from "@/sandbox/server";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { clientFor, newFon, startTestSandbox } from "./support/harness";
import { maximalInput, minimalInput, requiredKeys } from "./support/orders";

// For each of the 14 products: the minimal order passes schema, client and sandbox; every
// required field is enforced by the schema; fields forbidden for the product never leave.

let sandbox: RunningSandbox;
let client: SectigoClient;
let csrs: TestCsrs;

beforeAll(async () => {
  [sandbox, csrs] = await Promise.all([startTestSandbox(), testCsrs()]);
  client = clientFor(sandbox);
});

afterAll(async () => {
  await client.close();
  await sandbox.close();
});

const CREDENTIALS = { loginName: "n", loginPassword: "p" };

describe.each(PRODUCTS.map((p) => [p.code, p] as const))("product %i", (_code, product) => {
  it("accepts a minimal valid order in schema, client and sandbox", async () => {
    const parsed = orderInputSchema.safeParse(minimalInput(product, csrs));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const fon = newFon(String(product.code));
    const result = await client.placeOrder(parsed.data!, {
      foreignOrderNumber: fon,
      checkFONIsUnique: true,
      test: false,
    });

    expect(result.kind).toBe("success");
    const stored = sandbox.state.ordersFor(fon);
    expect(stored).toHaveLength(1);
    if (result.kind !== "success") return;
    expect(result.orderNumber).toBe(stored[0]!.orderNumber);
    expect(result.certificateId).toBe(stored[0]!.certificateId);
    expect(result.certificateState).toBe("Not Yet Issued");
    expect(stored[0]!.product).toBe(product.code);
    expect(stored[0]!.params.product).toBe(String(product.code));
  });

  it("rejects the order when any required field is removed, on that field", () => {
    const input = minimalInput(product, csrs);
    const required = requiredKeys(input);
    expect(required).toEqual(expect.arrayContaining(["product", "days", "csr", "appRepEmailAddress"]));
    // Required by Sectigo, but the reseller account's answer (configuration), not the customer's.
    expect(required).not.toContain("isCustomerValidated");
    for (const key of required) {
      const { [key]: _removed, ...rest } = input as Record<string, unknown>;
      const parsed = orderInputSchema.safeParse(rest);
      expect(parsed.success, `without ${key}`).toBe(false);
      const paths = parsed.error!.issues.map((i) => i.path.join("."));
      expect(paths, `without ${key}`).toContain(key);
    }
  });

  it("never sends a field forbidden for the product", async () => {
    const input = maximalInput(product, csrs);
    const rules = fieldRules(product, input as Record<string, unknown>);
    const forbidden = (Object.keys(rules) as FieldKey[]).filter((k) => rules[k] === "forbidden");
    const allowed = (Object.keys(rules) as FieldKey[]).filter((k) => rules[k] !== "forbidden");
    expect(forbidden.length).toBeGreaterThan(0);

    const params = buildRequestParams(input, CREDENTIALS);
    for (const key of forbidden) expect(params.has(PARAMS[key].wire!), key).toBe(false);
    for (const key of allowed) {
      if (key in input) expect(params.has(PARAMS[key].wire!), key).toBe(true);
    }

    const fon = newFon("max");
    const result = await client.placeOrder(input, {
      foreignOrderNumber: fon,
      checkFONIsUnique: true,
      test: true,
    });
    expect(result.kind === "ca-error" ? result.message : result.kind).toBe("success");
    const sent = Object.keys(sandbox.state.ordersFor(fon)[0]!.params);
    for (const key of forbidden) expect(sent, key).not.toContain(PARAMS[key].wire);
  });
});

describe("request shape", () => {
  it("always asks for format 1 with certificate ID and state, and defaults serverSoftware to -1", async () => {
    const product = PRODUCTS[0]!;
    const params = buildRequestParams(minimalInput(product, csrs), {
      ...CREDENTIALS,
      foreignOrderNumber: "F-1",
      checkFONIsUnique: true,
      test: true,
    });
    expect(params.get("responseFormat")).toBe("1");
    expect(params.get("showCertificateID")).toBe("Y");
    expect(params.get("showCertificateState")).toBe("Y");
    expect(params.get("serverSoftware")).toBe("-1");
    expect(params.get("checkFONIsUnique")).toBe("Y");
    expect(params.get("test")).toBe("Y");
    expect(params.get("isCustomerValidated")).toBe("N");
  });

  it("encodes flags as Y/N, lists comma-separated, and uses case-exact wire names", () => {
    const product = PRODUCTS.find((p) => p.code === 777)!;
    const input = { ...minimalInput(product, csrs), smartCardBased: true, offerType: 22 };
    const params = buildRequestParams(input, CREDENTIALS);
    expect(params.get("SmartCardBased")).toBe("Y");
    expect(params.has("smartCardBased")).toBe(false);
    const qwac = PRODUCTS.find((p) => p.code === 784)!;
    expect(buildRequestParams(minimalInput(qwac, csrs), CREDENTIALS).get("domainNames")).toBe(
      "example.eu,www.example.eu,shop.example.eu",
    );
  });
});
