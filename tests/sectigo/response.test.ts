import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProduct } from "@/lib/sectigo/products";
import { parseResponse, type ResponseFlags } from "@/lib/sectigo/response";
import { buildRequestParams } from "@/lib/sectigo/wire";
import type { RunningSandbox } from "@/sandbox/server";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { newFon, startTestSandbox } from "./support/harness";
import { minimalInput } from "./support/orders";

const FLAG_COMBINATIONS: ResponseFlags[] = [false, true].flatMap((showCertificateID) =>
  [false, true].map((showCertificateState) => ({ showCertificateID, showCertificateState })),
);

describe("responseFormat=1 (URL-encoded)", () => {
  it("parses Sectigo's own example", () => {
    expect(
      parseResponse(
        "errorCode=0&orderNumber=3040824&totalCost=210.00&expectedDeliveryTime=1&uniqueValue=TnerFu0d",
      ),
    ).toEqual({
      kind: "success",
      format: 1,
      status: 0,
      orderNumber: "3040824",
      totalCost: "210.00",
      uniqueValue: "TnerFu0d",
    });
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])("every combination of the optional keys (%i)", (mask) => {
    const body = new URLSearchParams({
      errorCode: "1",
      orderNumber: "42",
      totalCost: "99.50",
      expectedDeliveryTime: "1",
    });
    if (mask & 1) body.set("certificateID", "1234567890123456");
    if (mask & 2) body.set("certificateState", "Not Yet Issued");
    if (mask & 4) body.set("uniqueValue", "Abc123");
    const parsed = parseResponse(body.toString(), { showCertificateID: true, showCertificateState: true });
    expect(parsed).toEqual({
      kind: "success",
      format: 1,
      status: 1,
      orderNumber: "42",
      totalCost: "99.50",
      ...(mask & 1 ? { certificateId: "1234567890123456" } : {}),
      ...(mask & 2 ? { certificateState: "Not Yet Issued" } : {}),
      ...(mask & 4 ? { uniqueValue: "Abc123" } : {}),
    });
  });

  it("accepts certificateStatus as the state key", () => {
    const parsed = parseResponse("errorCode=0&orderNumber=1&totalCost=1.00&certificateStatus=Valid");
    expect(parsed).toMatchObject({ kind: "success", certificateState: "Valid" });
  });

  it("parses error bodies", () => {
    expect(parseResponse("errorCode=-3&errorMessage=The+%27csr%27+argument+is+missing%21")).toEqual({
      kind: "error",
      format: 1,
      code: -3,
      message: "The 'csr' argument is missing!",
    });
  });
});

describe("responseFormat=0 (plain text)", () => {
  it("parses the spec's example: no flags, unique value on line 5", () => {
    expect(parseResponse("0\n3040824\n210.00\n1\nTnerFu0d")).toEqual({
      kind: "success",
      format: 0,
      status: 0,
      orderNumber: "3040824",
      totalCost: "210.00",
      uniqueValue: "TnerFu0d",
    });
  });

  for (const flags of FLAG_COMBINATIONS) {
    for (const withUnique of [false, true]) {
      it(`flags ${JSON.stringify(flags)}, unique value ${withUnique}: lines are read by flag`, () => {
        const lines = ["0", "777", "12.00", "1"];
        if (flags.showCertificateID) lines.push("5550001");
        if (flags.showCertificateState) lines.push("Not Yet Issued");
        if (withUnique) lines.push("Uniq42");
        const parsed = parseResponse(`${lines.join("\r\n")}\r\n`, flags);
        expect(parsed).toEqual({
          kind: "success",
          format: 0,
          status: 0,
          orderNumber: "777",
          totalCost: "12.00",
          ...(flags.showCertificateID ? { certificateId: "5550001" } : {}),
          ...(flags.showCertificateState ? { certificateState: "Not Yet Issued" } : {}),
          ...(withUnique ? { uniqueValue: "Uniq42" } : {}),
        });
      });
    }
  }

  it("a unique value after no flagged lines is not taken for a certificate ID", () => {
    const parsed = parseResponse("0\n1\n2.00\n1\nUniq", {
      showCertificateID: false,
      showCertificateState: false,
    });
    expect(parsed).toMatchObject({ uniqueValue: "Uniq" });
    expect(parsed).not.toHaveProperty("certificateId");
  });

  it("parses error bodies", () => {
    expect(parseResponse("-16\nPermission denied!\n")).toEqual({
      kind: "error",
      format: 0,
      code: -16,
      message: "Permission denied!",
    });
    expect(parseResponse("-14")).toEqual({ kind: "error", format: 0, code: -14, message: "" });
  });
});

describe("bodies that are not answers", () => {
  it.each([
    ["", "empty"],
    ["   \r\n\t", "empty"],
    ["\uFEFF", "empty"],
    ["errorCode=0&orderNumber=3040824&totalCo", "truncated"],
    ["errorCode=0&orderNum", "truncated"],
    ["0\n3040824", "truncated"],
    ["0\n", "truncated"],
    ["1\nabc\n1.00", "truncated"],
    ["<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "html"],
    ["<html><head><title>Maintenance</title></head></html>", "html"],
    ["Service Temporarily Unavailable <body>", "html"],
    ["2\n1\n1.00\n1", "unexpected-status"],
    ["errorCode=7&orderNumber=1&totalCost=1", "unexpected-status"],
    ["errorCode=abc", "garbled"],
    ['{"error":"bad gateway"}', "garbled"],
    ["\uFFFD\uFFFDerrorCode=0&order", "garbled"],
  ])("%j is unparseable (%s)", (body, reason) => {
    expect(parseResponse(body)).toMatchObject({ kind: "unparseable", reason });
  });
});

describe("answers of the sandbox CA in both formats", () => {
  let sandbox: RunningSandbox;
  let csrs: TestCsrs;
  beforeAll(async () => {
    [sandbox, csrs] = await Promise.all([startTestSandbox(), testCsrs()]);
  });
  afterAll(() => sandbox.close());

  for (const responseFormat of [0, 1] as const) {
    for (const flags of FLAG_COMBINATIONS) {
      it(`format ${responseFormat}, ${JSON.stringify(flags)}`, async () => {
        const fon = newFon("fmt");
        const params = buildRequestParams(minimalInput(getProduct(788)!, csrs), {
          loginName: sandbox.loginName,
          loginPassword: sandbox.loginPassword,
          foreignOrderNumber: fon,
          responseFormat,
        });
        params.set("showCertificateID", flags.showCertificateID ? "Y" : "N");
        params.set("showCertificateState", flags.showCertificateState ? "Y" : "N");
        const response = await fetch(`${sandbox.url}/products/!AutoApplyOrder`, {
          method: "POST",
          body: params,
        });
        expect(response.headers.get("content-type")).toMatch(
          responseFormat === 1 ? /x-www-form-urlencoded/ : /text\/plain/,
        );
        const stored = sandbox.state.ordersFor(fon)[0]!;
        expect(parseResponse(await response.text(), flags)).toEqual({
          kind: "success",
          format: responseFormat,
          status: 0,
          orderNumber: stored.orderNumber,
          totalCost: stored.totalCost,
          ...(flags.showCertificateID ? { certificateId: stored.certificateId } : {}),
          ...(flags.showCertificateState ? { certificateState: stored.certificateState } : {}),
          uniqueValue: stored.uniqueValue,
        });
      });
    }
  }
});
