import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftInputSchema } from "@/lib/orders/model/draft-input";
import type { SectigoClient } from "@/lib/sectigo/client";
import { getProduct } from "@/lib/sectigo/products";
import * as registry from "@/lib/sectigo/registry";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { buildRequestParams } from "@/lib/sectigo/wire";
import type { RunningSandbox } from "@/sandbox/server";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { clientFor, newFon, startTestSandbox } from "./support/harness";
import { minimalInput } from "./support/orders";

// Who decides each parameter (issue #11). The validation switches and the account's e-mail
// templates are our reseller account's (configuration); serverSoftware is -1 unless an admin
// sets it. A customer's input may name them, but they never reach a draft, the order or the wire.

const RESELLER_ONLY = [
  "isCustomerValidated",
  "isAppRepValidated",
  "isCallbackCompleted",
  "dcvTemplateId",
  "shippingTemplateId",
] as const;

/** What a customer could post: valid values for every reseller- and admin-only row. */
const CUSTOMER_TRIES = {
  isCustomerValidated: true,
  isAppRepValidated: true,
  isCallbackCompleted: true,
  dcvTemplateId: 7,
  shippingTemplateId: 8,
  serverSoftware: 1,
};

let csrs: TestCsrs;
let sandbox: RunningSandbox;
let client: SectigoClient;
beforeAll(async () => {
  [sandbox, csrs] = await Promise.all([startTestSandbox(), testCsrs()]);
  client = clientFor(sandbox, {
    reseller: { isCustomerValidated: true, isCallbackCompleted: true, shippingTemplateId: 5 },
  });
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

const credentials = { loginName: "n", loginPassword: "p" };

describe("registry: who decides", () => {
  it("marks the validation switches and templates as the reseller's, serverSoftware as the admin's", () => {
    const params = registry.PARAMS as Record<string, registry.ParamDef>;
    for (const key of RESELLER_ONLY) expect(params[key]!.source, key).toBe("reseller");
    expect(params.serverSoftware!.source).toBe("admin");
    expect(params.serverSoftware!.defaultValue).toBe("-1");
    for (const key of [...RESELLER_ONLY, "serverSoftware"]) {
      expect(registry.FIELD_KEYS as string[], key).not.toContain(key);
    }
    expect(registry.FIELD_KEYS).toEqual(expect.arrayContaining(["appRepEmailAddress", "callbackMethod"]));
  });
});

describe("a customer's input naming reseller-only fields", () => {
  it("is stripped from the draft and from the validated order", () => {
    const input = { ...minimalInput(getProduct(782)!, csrs), ...CUSTOMER_TRIES };
    const draft = draftInputSchema.parse(input);
    const parsed = orderInputSchema.parse(input);
    for (const key of Object.keys(CUSTOMER_TRIES)) {
      expect(draft, key).not.toHaveProperty(key);
      expect(parsed, key).not.toHaveProperty(key);
    }
  });

  it("does not change the wire: the reseller's defaults and serverSoftware=-1 go out", () => {
    const input = { ...minimalInput(getProduct(782)!, csrs), ...CUSTOMER_TRIES };
    const params = buildRequestParams(input as never, credentials);
    expect(params.get("serverSoftware")).toBe("-1");
    expect(params.get("isCustomerValidated")).toBe("N");
    expect(params.get("isAppRepValidated")).toBe("N");
    expect(params.get("isCallbackCompleted")).toBe("N");
    expect(params.has("shippingTemplateID")).toBe(false);
    expect(params.has("dcvTemplateID")).toBe(false);
  });
});

describe("the reseller's configured switches and an admin's server software", () => {
  it("go on the wire from the options, each only where the product allows it", () => {
    const reseller = {
      isCustomerValidated: true,
      isAppRepValidated: false,
      isCallbackCompleted: true,
      dcvTemplateId: 11,
      shippingTemplateId: 12,
    };
    const seal = buildRequestParams(minimalInput(getProduct(782)!, csrs), {
      ...credentials,
      reseller,
      serverSoftware: 14,
    });
    expect(seal.get("isCustomerValidated")).toBe("Y");
    expect(seal.get("isAppRepValidated")).toBe("N");
    expect(seal.get("isCallbackCompleted")).toBe("Y");
    expect(seal.get("shippingTemplateID")).toBe("12");
    expect(seal.has("dcvTemplateID")).toBe(false);
    expect(seal.get("serverSoftware")).toBe("14");

    const qwac = buildRequestParams(minimalInput(getProduct(783)!, csrs), { ...credentials, reseller });
    expect(qwac.get("dcvTemplateID")).toBe("11");
    expect(qwac.has("shippingTemplateID")).toBe(false);
    expect(qwac.get("serverSoftware")).toBe("-1");
  });

  it("reach the sandbox CA from the client's configuration, whatever the input says", async () => {
    const fon = newFon("reseller");
    const input = { ...minimalInput(getProduct(782)!, csrs), ...CUSTOMER_TRIES };
    const parsed = orderInputSchema.parse(input);
    const result = await client.placeOrder(parsed, {
      foreignOrderNumber: fon,
      checkFONIsUnique: true,
      test: true,
    });
    expect(result.kind === "ca-error" ? result.message : result.kind).toBe("success");
    const [order] = sandbox.state.ordersFor(fon);
    expect(order?.params).toMatchObject({
      serverSoftware: "-1",
      isCustomerValidated: "Y",
      isAppRepValidated: "N",
      isCallbackCompleted: "Y",
      shippingTemplateID: "5",
    });
    expect(order?.params).not.toHaveProperty("dcvTemplateID");
  });
});
