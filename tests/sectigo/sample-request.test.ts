import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifySectigoError } from "@/lib/sectigo/errors";
import { parseResponse } from "@/lib/sectigo/response";
import type { RunningSandbox } from "@/sandbox/server";
import { makeCsr } from "@/tests/support/csr";
import { ADDRESS_SUBJECT } from "./support/csrs";
import { startTestSandbox } from "./support/harness";

// Sectigo's sample from the eIDAS page (spec §6, last paragraph), sent like its curl example:
// a plain form POST without responseFormat, so the answer comes back as plain text.

let sandbox: RunningSandbox;
let csr: string;

beforeAll(async () => {
  [sandbox, csr] = await Promise.all([startTestSandbox(), makeCsr({ subject: ADDRESS_SUBJECT })]);
});
afterAll(() => sandbox.close());

function sampleForm(personalIdentifier: string): URLSearchParams {
  return new URLSearchParams([
    ["product", "777"],
    ["days", "365"],
    ["loginName", sandbox.loginName],
    ["loginPassword", sandbox.loginPassword],
    ["serverSoftware", "2"],
    ["csr", csr],
    ["dunsNumber", "060704780"],
    ["businessCategory", "b"],
    ["isCustomerValidated", "N"],
    ["personalIdentifier", personalIdentifier],
    ["SmartCardBased", "Y"],
    ["offerType", "22"],
    ["appRepEmailAddress", "rep@example.eu"],
  ]);
}

async function post(form: URLSearchParams) {
  const response = await request(`${sandbox.url}/products/!AutoApplyOrder`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  return {
    status: response.statusCode,
    type: response.headers["content-type"],
    body: await response.body.text(),
  };
}

describe("Sectigo's sample request for product 777", () => {
  it("is accepted, with the address taken from the CSR, and answered in plain text", async () => {
    const answer = await post(sampleForm("PNODE-1234567890"));
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/text\/plain/);
    const parsed = parseResponse(answer.body);
    expect(parsed).toMatchObject({ kind: "success", format: 0, status: 0, totalCost: "89.00" });

    const order = sandbox.state.orders.at(-1)!;
    expect(parsed.kind === "success" && parsed.orderNumber).toBe(order.orderNumber);
    expect(order).toMatchObject({ product: 777, days: 365, test: false });
    expect(order.params).toMatchObject({ SmartCardBased: "Y", offerType: "22", businessCategory: "b" });
    expect(order.params).not.toHaveProperty("loginPassword");
  });

  it("with the page's literal identifier 1234567890 is refused as a malformed identifier", async () => {
    // The page's example value predates the semantics-identifier checks (spec §5 rows 45–47).
    const parsed = parseResponse((await post(sampleForm("1234567890"))).body);
    expect(parsed.kind).toBe("error");
    if (parsed.kind !== "error") return;
    expect(classifySectigoError(parsed.code, parsed.message)).toMatchObject({
      class: "input",
      field: "personalIdentifier",
      entry: { row: 46 },
    });
  });
});
