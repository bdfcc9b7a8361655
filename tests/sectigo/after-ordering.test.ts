import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SectigoClient } from "@/lib/sectigo/client";
import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import type { FaultConfig, RunningSandbox, SandboxOrder } from "@/sandbox/server";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { clientFor, getJson, newFon, postJson, startTestSandbox } from "./support/harness";
import { minimalInput } from "./support/orders";

// Every call after ordering, over real HTTP against the sandbox CA: the answer it reads, a CA
// error and a transport fault on each endpoint. Steps are moved by the sandbox's advance route.

let sandbox: RunningSandbox;
let client: SectigoClient;
let csrs: TestCsrs;

beforeAll(async () => {
  [sandbox, csrs] = await Promise.all([startTestSandbox(), testCsrs()]);
  client = clientFor(sandbox, { timeoutMs: 800 });
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
beforeEach(async () => {
  await postJson(`${sandbox.url}/sandbox/reset`, {});
});

async function place(code: ProductCode, changes: Record<string, unknown> = {}): Promise<string> {
  const result = await client.placeOrder(
    { ...minimalInput(getProduct(code)!, csrs), ...changes },
    { foreignOrderNumber: newFon("ao"), checkFONIsUnique: true, test: false },
  );
  if (result.kind !== "success") throw new Error(`placing ${code} failed: ${JSON.stringify(result)}`);
  return result.orderNumber;
}

const advance = (orderNumber: string, query = "") =>
  postJson<{ state: string }>(`${sandbox.url}/sandbox/orders/${orderNumber}/advance${query}`, {});
const order = (orderNumber: string) => getJson<SandboxOrder>(`${sandbox.url}/sandbox/orders/${orderNumber}`);
const fault = (config: FaultConfig) => postJson(`${sandbox.url}/sandbox/faults`, config);

describe("getDetailedStatus", () => {
  it("reads the status, the certificate ID and, once issued, the validity", async () => {
    const number = await place(781);
    const pending = await client.getDetailedStatus(number);
    expect(pending).toMatchObject({
      kind: "ok",
      value: { orderNumber: number, status: "pending", statusText: "Pending" },
    });
    await advance(number); // csr → agreement is next
    const waiting = await client.getDetailedStatus(number);
    expect(waiting.kind === "ok" && waiting.value.status).toBe("awaiting_authorization");
    await advance(number, "?to=issued");
    const issued = await client.getDetailedStatus(number);
    if (issued.kind !== "ok") throw new Error(JSON.stringify(issued));
    expect(issued.value.status).toBe("current");
    expect(issued.value.certificateId).toBe((await order(number)).certificateId);
    expect(Date.parse(issued.value.validTo!) - Date.parse(issued.value.validFrom!)).toBe(365 * 86_400_000);
    expect(issued.value.shipping).toBeUndefined();
  });

  it("reports the tracking number of a token order once shipped", async () => {
    const number = await place(782);
    await advance(number, "?to=issued");
    const result = await client.getDetailedStatus(number);
    // Only the number: the answer names no carrier, so the portal does not guess one.
    expect(result.kind === "ok" && result.value.shipping).toEqual({
      trackingId: expect.stringMatching(/^1Z[0-9A-F]{16}$/),
    });
  });

  it("answers a CA error for an unknown order and a transport failure on HTTP 503", async () => {
    expect(await client.getDetailedStatus("999")).toMatchObject({ kind: "ca-error", code: -4 });
    await fault({ endpoint: "detailedStatus", mode: "http503", remaining: 1 });
    expect(await client.getDetailedStatus("999")).toMatchObject({ kind: "transport", reason: "http-status" });
    expect(sandbox.state.calls.detailedStatus).toBe(2);
  });
});

describe("getPostPaymentStatus", () => {
  it("gives the checklist of a legal person's order, with the upload link while documents are due", async () => {
    const number = await place(781);
    const first = await client.getPostPaymentStatus(number);
    if (first.kind !== "ok") throw new Error(JSON.stringify(first));
    expect(first.value.orderStatus).toBe("Pending");
    expect(first.value.steps.csr?.state).toBe("waiting_ca");
    expect(first.value.steps.agreement?.state).toBe("waiting_customer");
    expect(first.value.steps.organization?.state).toBe("waiting_ca");
    expect(first.value.steps.callback?.state).toBe("waiting_ca");
    expect(first.value.uploadDocumentUrl).toBe(`${sandbox.url}/sandbox/upload/${number}`);
    expect(first.value.uploadDocumentToken?.split(".")).toHaveLength(3);
    await advance(number);
    await advance(number);
    const second = await client.getPostPaymentStatus(number);
    expect(
      second.kind === "ok" && [second.value.steps.csr?.state, second.value.steps.agreement?.state],
    ).toEqual(["done", "done"]);
  });

  it("has no callback for a natural person, whose identity check is the organization row", async () => {
    const number = await place(777);
    const result = await client.getPostPaymentStatus(number);
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
    expect(result.value.steps.callback?.state).toBe("not_required");
    expect(result.value.steps.organization).toMatchObject({
      state: "waiting_customer",
      title: expect.stringMatching(/identity/i),
    });
  });

  it("answers a CA error for an unknown order and unparseable for a garbled answer", async () => {
    expect(await client.getPostPaymentStatus("12")).toMatchObject({ kind: "ca-error", code: -4 });
    await fault({ endpoint: "postPaymentStatus", mode: "malformed", remaining: 1 });
    expect(await client.getPostPaymentStatus("12")).toMatchObject({
      kind: "transport",
      reason: "unparseable",
    });
  });
});

describe("collect", () => {
  it("answers processing before issuance, then the certificate and chain (CollectEIDAS for a seal)", async () => {
    const number = await place(781);
    expect(await client.collect(number, 781)).toMatchObject({ kind: "ok", value: { state: "processing" } });
    await advance(number, "?to=issued");
    const result = await client.collect(number, 781);
    if (result.kind !== "ok" || result.value.state !== "issued") throw new Error(JSON.stringify(result));
    expect(result.value.certificatePem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/,
    );
    expect(result.value.chainPem).toHaveLength(2);
    expect(result.value.certificatePem.trim()).toBe(
      (await order(number)).lifecycle.certificate!.certificatePem.trim(),
    );
    expect(sandbox.state.calls).toMatchObject({ collectEidas: 2 });
    expect(sandbox.state.calls.collectSsl).toBeUndefined();
  });

  it("collects a QWAC with CollectSSL, and reads rejected and revoked", async () => {
    const qwac = await place(783);
    await advance(qwac, "?to=issued");
    expect((await client.collect(qwac, 783)).kind === "ok").toBe(true);
    expect(sandbox.state.calls.collectSsl).toBe(1);
    expect(await client.revoke(qwac, { code: 4, text: "superseded" }, { test: false })).toMatchObject({
      kind: "ok",
    });
    expect(await client.collect(qwac, 783)).toMatchObject({ kind: "ok", value: { state: "revoked" } });
    const seal = await place(781);
    await postJson(`${sandbox.url}/sandbox/orders/${seal}/reject`, {});
    expect(await client.collect(seal, 781)).toMatchObject({ kind: "ok", value: { state: "rejected" } });
  });

  it("answers a CA error for wrong credentials and transport failures while a collect fault lasts", async () => {
    const number = await place(781);
    const wrong = clientFor(sandbox, { loginPassword: "wrong-password" });
    expect(await wrong.collect(number, 781)).toMatchObject({ kind: "ca-error", code: -16 });
    await wrong.close();
    await fault({ endpoint: "collect", mode: "http503", remaining: 2 });
    expect(await client.collect(number, 781)).toMatchObject({ kind: "transport", reason: "http-status" });
    expect(await client.collect(number, 781)).toMatchObject({ kind: "transport", reason: "http-status" });
    expect(await client.collect(number, 781)).toMatchObject({ kind: "ok", value: { state: "processing" } });
  });
});

describe("domain validation", () => {
  it("lists each domain of a multi-domain QWAC with its method and status", async () => {
    const number = await place(784);
    const before = await client.getDomainDetails(number);
    expect(before).toMatchObject({
      kind: "ok",
      value: [
        { domainName: "example.eu", method: "HTTP_CSR_HASH", status: "pending" },
        { domainName: "www.example.eu", method: "HTTP_CSR_HASH", status: "pending" },
        { domainName: "shop.example.eu", method: "HTTP_CSR_HASH", status: "pending" },
      ],
    });
    for (let i = 0; i < 5; i++) await advance(number); // csr, agreement, organization, callback, first domain
    const after = await client.getDomainDetails(number);
    expect(after.kind === "ok" && after.value.map((d) => d.status)).toEqual([
      "validated",
      "pending",
      "pending",
    ]);
  });

  it("answers a CA error for a non-QWAC order and a network failure when the socket drops", async () => {
    const seal = await place(781);
    expect(await client.getDomainDetails(seal)).toMatchObject({ kind: "ca-error", code: -4 });
    await fault({ endpoint: "domainDetails", mode: "drop-after-place", remaining: 1 });
    expect(await client.getDomainDetails(seal)).toMatchObject({ kind: "transport", reason: "network" });
  });

  it("lists the approver addresses of a domain and its parent", async () => {
    const result = await client.getDcvEmailAddresses("shop.example.eu");
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
    expect(result.value).toContain("admin@example.eu");
    expect(result.value).toContain("hostmaster@shop.example.eu");
    expect(result.value).toHaveLength(10);
    expect(await client.getDcvEmailAddresses("not a domain")).toMatchObject({ kind: "ca-error", code: -4 });
    await fault({ endpoint: "dcvEmailList", latencyMs: 2_000, remaining: 1 });
    expect(await client.getDcvEmailAddresses("example.eu")).toMatchObject({
      kind: "transport",
      reason: "timeout",
    });
  });

  it("switches a single-domain order to e-mail and resends the e-mail", async () => {
    const number = await place(783);
    const switched = await client.updateDcv(
      number,
      [{ domainName: "example.eu", method: "EMAIL", email: "admin@example.eu" }],
      {
        multiDomain: false,
      },
    );
    expect(switched).toMatchObject({ kind: "ok" });
    const details = await client.getDomainDetails(number);
    expect(details.kind === "ok" && details.value.map((d) => d.method)).toEqual(["EMAIL", "EMAIL"]);
    expect(await client.resendDcvEmail(number, "admin@example.eu")).toMatchObject({ kind: "ok" });
    expect(await client.resendDcvEmail(number)).toMatchObject({ kind: "ok" });
    expect((await order(number)).lifecycle.dcvEmails.map((e) => e.to)).toEqual([
      "admin@example.eu",
      "admin@example.eu",
      "admin@example.eu",
    ]);
  });

  it("changes several domains of a multi-domain order in one call", async () => {
    const number = await place(784);
    const result = await client.updateDcv(
      number,
      [
        { domainName: "www.example.eu", method: "CNAME_CSR_HASH" },
        { domainName: "shop.example.eu", method: "HTTPS_CSR_HASH" },
      ],
      { multiDomain: true },
    );
    expect(result).toMatchObject({ kind: "ok" });
    const methods = Object.fromEntries(
      Object.entries((await order(number)).lifecycle.dcv).map(([d, v]) => [d, v.method]),
    );
    expect(methods).toEqual({
      "example.eu": "HTTP_CSR_HASH",
      "www.example.eu": "CNAME_CSR_HASH",
      "shop.example.eu": "HTTPS_CSR_HASH",
    });
    expect(sandbox.state.calls.updateDcv).toBe(1);
  });

  it("answers CA errors for an address not allowed and a resend without e-mail DCV, transport on 500", async () => {
    const number = await place(783);
    const refused = await client.updateDcv(
      number,
      [{ domainName: "example.eu", method: "EMAIL", email: "ceo@example.eu" }],
      {
        multiDomain: false,
      },
    );
    expect(refused).toMatchObject({
      kind: "ca-error",
      code: -4,
      message: expect.stringContaining("newDCVEmailAddress"),
    });
    expect(await client.resendDcvEmail(number, "admin@example.eu")).toMatchObject({
      kind: "ca-error",
      code: -4,
    });
    await fault({ endpoint: "updateDcv", mode: "http500", remaining: 1 });
    expect(
      await client.updateDcv(number, [{ domainName: "example.eu", method: "HTTP_CSR_HASH" }], {
        multiDomain: false,
      }),
    ).toMatchObject({
      kind: "transport",
      reason: "http-status",
    });
    await fault({ endpoint: "resendDcvEmail", mode: "malformed", remaining: 1 });
    expect(await client.resendDcvEmail(number)).toMatchObject({ kind: "transport", reason: "unparseable" });
  });
});

describe("revoke", () => {
  it("cancels a pending order once, then answers already rejected", async () => {
    const number = await place(781);
    expect(
      await client.revoke(number, { code: 0, text: "ordered by mistake" }, { test: false }),
    ).toMatchObject({ kind: "ok" });
    expect((await order(number)).lifecycle.outcome).toBe("rejected");
    expect(await client.revoke(number, { code: 0, text: "again" }, { test: false })).toMatchObject({
      kind: "ca-error",
      code: -20,
    });
    expect((await order(number)).calls.revoke).toBe(2);
  });

  it("revokes an issued certificate with its reason, then answers already revoked", async () => {
    const number = await place(786);
    await advance(number, "?to=issued");
    expect(await client.revoke(number, { code: 1, text: "key lost" }, { test: true })).toMatchObject({
      kind: "ok",
    });
    const stored = await order(number);
    expect(stored.lifecycle).toMatchObject({ outcome: "revoked", revocation: { code: 1, text: "key lost" } });
    expect(await client.revoke(number, { code: 1, text: "key lost" }, { test: true })).toMatchObject({
      kind: "ca-error",
      code: -21,
    });
  });

  it("answers a CA error for an unknown order; a dropped answer still revoked once", async () => {
    expect(await client.revoke("77", { code: 0, text: "" }, { test: false })).toMatchObject({
      kind: "ca-error",
      code: -4,
    });
    const number = await place(781);
    await fault({ endpoint: "revoke", mode: "drop-after-place", remaining: 1 });
    expect(await client.revoke(number, { code: 0, text: "" }, { test: false })).toMatchObject({
      kind: "transport",
      reason: "network",
    });
    const stored = await order(number);
    expect(stored.lifecycle.outcome).toBe("rejected");
    expect(stored.calls.revoke).toBe(1);
  });
});

describe("faults per endpoint", () => {
  it("keep !AutoApplyOrder and the other endpoints apart", async () => {
    const number = await place(781);
    await fault({ endpoint: "collect", mode: "http503" });
    expect(await client.collect(number, 781)).toMatchObject({ kind: "transport", reason: "http-status" });
    await place(781); // an order still goes through
    expect(await client.getDetailedStatus(number)).toMatchObject({ kind: "ok" });
    await fault({ mode: "http503", remaining: 1 }); // the old form: the order endpoint only
    await expect(place(781)).rejects.toThrow(/http-status/);
    expect(await client.getPostPaymentStatus(number)).toMatchObject({ kind: "ok" });
    expect(await client.collect(number, 781)).toMatchObject({ kind: "transport", reason: "http-status" });
  });
});

describe("redaction", () => {
  it("never puts the password in a result", async () => {
    const number = await place(781);
    const results = [
      await client.getDetailedStatus(number),
      await client.getPostPaymentStatus(number),
      await client.collect(number, 781),
      await client.revoke(number, { code: 0, text: "" }, { test: false }),
    ];
    for (const result of results) expect(JSON.stringify(result)).not.toContain(sandbox.loginPassword);
  });
});
