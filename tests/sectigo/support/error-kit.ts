import { afterAll, beforeAll, expect } from "vitest";
import type { PlaceOrderResult, SectigoClient } from "@/lib/sectigo/client";
import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import type { OrderInput } from "@/lib/sectigo/schema";
import { buildRequestParams } from "@/lib/sectigo/wire";
import type { RunningSandbox } from "@/sandbox/server";
import { testCsrs, type TestCsrs } from "./csrs";
import { clientFor, newFon, startTestSandbox } from "./harness";
import { minimalInput } from "./orders";

/** A sandbox and a client for one test file, with helpers to provoke and check CA errors. */
export function errorKit() {
  const kit = {} as { sandbox: RunningSandbox; client: SectigoClient; csrs: TestCsrs };
  beforeAll(async () => {
    [kit.sandbox, kit.csrs] = await Promise.all([startTestSandbox(), testCsrs()]);
    kit.client = clientFor(kit.sandbox);
  });
  afterAll(async () => {
    await kit.client.close();
    await kit.sandbox.close();
  });

  function order(code: ProductCode, changes: Record<string, unknown> = {}): OrderInput {
    return { ...minimalInput(getProduct(code)!, kit.csrs), ...changes } as OrderInput;
  }

  function place(input: OrderInput, fon = newFon("err")): Promise<PlaceOrderResult> {
    return kit.client.placeOrder(input, { foreignOrderNumber: fon, checkFONIsUnique: true, test: false });
  }

  /** The parameters of a valid order, for edits the client itself would never make. */
  function paramsOf(input: OrderInput): URLSearchParams {
    return buildRequestParams(input, {
      loginName: "x",
      loginPassword: "x",
      foreignOrderNumber: newFon("raw"),
    });
  }

  return { kit, order, place, paramsOf };
}

export function expectCaError(
  result: PlaceOrderResult,
  code: number,
  errorClass: string,
  field?: string | null,
) {
  expect(result.kind, JSON.stringify(result)).toBe("ca-error");
  if (result.kind !== "ca-error") return;
  expect(result.code).toBe(code);
  expect(result.error.class).toBe(errorClass);
  if (field !== undefined) expect(result.error.field).toBe(field);
  expect(result.error.explanation.length).toBeGreaterThan(10);
}
