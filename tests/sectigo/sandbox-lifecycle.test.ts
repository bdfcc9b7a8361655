import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { x509 } from "@/lib/csr/x509";
import { decodeQcStatements, QC_STATEMENTS_OID } from "@/lib/eidas/qc-statements";
import type { SectigoClient } from "@/lib/sectigo/client";
import { dcvValues } from "@/lib/sectigo/dcv";
import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import type { RunningSandbox, SandboxOrder } from "@/sandbox/server";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { clientFor, getJson, newFon, startTestSandbox } from "./support/harness";
import { csrFor, minimalInput } from "./support/orders";

// The sandbox CA across an order's life: every product family placed, moved through its
// validation steps, issued and collected, the certificate checked with OpenSSL; rejection,
// revocation, a real HTTP DCV check, the demo pace, a restart from disk and the pushes.

let csrs: TestCsrs;
const work = mkdtempSync(join(tmpdir(), "sandbox-lifecycle-"));
let fileCount = 0;

beforeAll(async () => {
  csrs = await testCsrs();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(content: string): string {
  const path = join(work, `f${(fileCount += 1)}.pem`);
  writeFileSync(path, content);
  return path;
}

const openssl = (...args: string[]) => execFileSync("openssl", args, { encoding: "utf8" });

async function place(sandbox: RunningSandbox, client: SectigoClient, code: ProductCode): Promise<string> {
  const result = await client.placeOrder(minimalInput(getProduct(code)!, csrs), {
    foreignOrderNumber: newFon("lc"),
    checkFONIsUnique: true,
    test: false,
  });
  if (result.kind !== "success") throw new Error(JSON.stringify(result));
  return result.orderNumber;
}

async function post(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: "POST" });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type OrderView = SandboxOrder & {
  state: string;
  steps: { kind: string; title: string; doneAt?: string; failedAt?: string }[];
};

describe("each product family, placed → validated → issued → collected", () => {
  let sandbox: RunningSandbox;
  let client: SectigoClient;
  let rootPath: string;
  let issuingPath: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    client = clientFor(sandbox);
    const ca = await getJson<{ rootPem: string; issuingPem: string }>(`${sandbox.url}/sandbox/ca`);
    rootPath = file(ca.rootPem);
    issuingPath = file(ca.issuingPem);
  });
  afterAll(async () => {
    await client.close();
    await sandbox.close();
  });

  const FAMILIES: { code: ProductCode; steps: string[]; type: string; sscd: boolean }[] = [
    { code: 781, steps: ["csr", "agreement", "organization", "callback"], type: "eseal", sscd: false },
    { code: 779, steps: ["csr", "agreement", "identity"], type: "esign", sscd: false },
    { code: 786, steps: ["csr", "agreement", "organization", "callback"], type: "eseal", sscd: false },
    {
      code: 783,
      steps: ["csr", "agreement", "organization", "callback", "dcv", "dcv"],
      type: "web",
      sscd: false,
    },
    {
      code: 782,
      steps: ["csr", "agreement", "organization", "callback", "shipping"],
      type: "eseal",
      sscd: true,
    },
  ];

  for (const family of FAMILIES) {
    it(`${family.code}: ${family.steps.join(" → ")} → issued, with a key, chain and statements that check out`, async () => {
      const number = await place(sandbox, client, family.code);
      const placed = await getJson<OrderView>(`${sandbox.url}/sandbox/orders/${number}`);
      expect(placed.steps.map((s) => s.kind)).toEqual(family.steps);
      for (let i = 0; i < family.steps.length; i++) {
        expect(await client.collect(number, family.code)).toMatchObject({
          kind: "ok",
          value: { state: "processing" },
        });
        expect((await post(`${sandbox.url}/sandbox/orders/${number}/advance`)).status).toBe(200);
      }
      const last = await post(`${sandbox.url}/sandbox/orders/${number}/advance`);
      expect(last.body.state).toBe("issued");

      const collected = await client.collect(number, family.code);
      if (collected.kind !== "ok" || collected.value.state !== "issued")
        throw new Error(JSON.stringify(collected));
      const leaf = file(collected.value.certificatePem);
      const text = openssl("x509", "-in", leaf, "-noout", "-text");
      const csrPath = file(csrFor(getProduct(family.code)!, csrs));
      const certificateKey = openssl("x509", "-in", leaf, "-noout", "-pubkey");
      const csrKey = openssl("req", "-in", csrPath, "-noout", "-pubkey");
      // A QSCD token's key is made on the token: the CSR only names the subject.
      if (family.sscd) expect(certificateKey).not.toBe(csrKey);
      else expect(certificateKey).toBe(csrKey);
      const chain = file(collected.value.chainPem.join("\n"));
      expect(openssl("verify", "-CAfile", rootPath, "-untrusted", chain, leaf).trim()).toBe(`${leaf}: OK`);
      expect(openssl("verify", "-CAfile", rootPath, "-untrusted", issuingPath, leaf).trim()).toBe(
        `${leaf}: OK`,
      );

      const certificate = new x509.X509Certificate(collected.value.certificatePem);
      const qc = decodeQcStatements(certificate.getExtension(QC_STATEMENTS_OID)!.value);
      expect(qc).toMatchObject({ compliance: true, types: [family.type], sscd: family.sscd });
      if (family.code === 783) {
        expect(text).toMatch(/DNS:example\.eu, DNS:www\.example\.eu/);
        expect(text).toMatch(/TLS Web Server Authentication/);
        expect(certificate.subject).toMatch(/CN=example\.eu/);
        expect(certificate.subject).toMatch(/O=Example GmbH/);
      }
      if (family.code === 786) {
        expect(qc.psd2).toEqual({ roles: ["PSP_AS"], ncaName: "DE-BAFIN", ncaId: "DE-BAFIN" });
        expect(text).toMatch(/organizationIdentifier\s*=\s*PSDDE-BAFIN-\d+/);
      }
      if (family.code === 779) expect(text).toMatch(/serialNumber\s*=\s*PNODE-1234567890/);
      if (family.code === 781) expect(text).toMatch(/Digital Signature, Non Repudiation/);
      const days =
        (Date.parse(certificate.notAfter.toISOString()) - Date.parse(certificate.notBefore.toISOString())) /
        86_400_000;
      expect(days).toBe(getProduct(family.code)!.days[0]);
    });
  }

  it("rejects an order: later calls read it as rejected, and it cannot move on", async () => {
    const number = await place(sandbox, client, 781);
    await post(`${sandbox.url}/sandbox/orders/${number}/advance`);
    expect((await post(`${sandbox.url}/sandbox/orders/${number}/reject`)).status).toBe(200);
    const view = await getJson<OrderView>(`${sandbox.url}/sandbox/orders/${number}`);
    expect(view.state).toBe("rejected");
    expect(view.steps[1]!.failedAt).toBeDefined();
    expect((await post(`${sandbox.url}/sandbox/orders/${number}/advance`)).status).toBe(409);
    expect(await client.getDetailedStatus(number)).toMatchObject({
      kind: "ok",
      value: { status: "rejected" },
    });
    expect(await client.getPostPaymentStatus(number)).toMatchObject({
      kind: "ok",
      value: { steps: { agreement: { state: "failed" } } },
    });
  });

  it("revokes an issued certificate once, by the API", async () => {
    const number = await place(sandbox, client, 787);
    await post(`${sandbox.url}/sandbox/orders/${number}/advance?to=issued`);
    expect(await client.revoke(number, { code: 5, text: "closing down" }, { test: false })).toMatchObject({
      kind: "ok",
    });
    expect(await client.collect(number, 787)).toMatchObject({ kind: "ok", value: { state: "revoked" } });
    expect(await client.getDetailedStatus(number)).toMatchObject({
      kind: "ok",
      value: { status: "processed" },
    });
    expect(sandbox.state.find(number)!.calls.revoke).toBe(1);
  });
});

describe("domain control validation by HTTP", () => {
  let web: Server;
  const published = new Map<string, string>(); // "host path" → body
  let sandbox: RunningSandbox;
  let client: SectigoClient;
  beforeAll(async () => {
    web = createServer((req, res) => {
      const body = published.get(`${req.headers.host} ${req.url}`);
      res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain" });
      res.end(body ?? "not found");
    });
    await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
    sandbox = await startTestSandbox({ dcvHttpTarget: `127.0.0.1:${(web.address() as AddressInfo).port}` });
    client = clientFor(sandbox);
  });
  afterAll(async () => {
    await client.close();
    await sandbox.close();
    await new Promise((resolve) => web.close(resolve));
  });

  it("passes a domain only once the file the portal computes is published, and shows failures", async () => {
    const number = await place(sandbox, client, 783);
    for (let i = 0; i < 4; i++) await post(`${sandbox.url}/sandbox/orders/${number}/advance`);
    const blocked = await post(`${sandbox.url}/sandbox/orders/${number}/advance`);
    expect(blocked.status).toBe(409);
    expect(String(blocked.body.error)).toMatch(/example\.eu.*HTTP 404/);
    expect(await client.getDomainDetails(number)).toMatchObject({
      kind: "ok",
      value: [{ status: "failed" }, { status: "pending" }],
    });

    const order = sandbox.state.find(number)!;
    for (const domain of ["example.eu", "www.example.eu"]) {
      const { httpFile } = dcvValues(csrs.qwac, domain, { uniqueValue: order.uniqueValue });
      published.set(
        `${domain} ${httpFile.path}`,
        domain === "example.eu" ? `${httpFile.content}\n` : "wrong",
      );
    }
    expect((await post(`${sandbox.url}/sandbox/orders/${number}/advance`)).status).toBe(200);
    const second = await post(`${sandbox.url}/sandbox/orders/${number}/advance`);
    expect(String(second.body.error)).toMatch(/www\.example\.eu.*does not match/);
    expect(await client.getDomainDetails(number)).toMatchObject({
      kind: "ok",
      value: [{ status: "validated" }, { status: "failed" }],
    });

    // Switching the domain to CNAME: no real DNS here, so it passes on the next step.
    await client.updateDcv(number, [{ domainName: "www.example.eu", method: "CNAME_CSR_HASH" }], {
      multiDomain: false,
    });
    expect((await post(`${sandbox.url}/sandbox/orders/${number}/advance?to=issued`)).body.state).toBe(
      "issued",
    );
  });
});

describe("demo pace", () => {
  it("moves an order through every step to issued by itself", async () => {
    const sandbox = await startTestSandbox({ stepDelayMs: 40 });
    const client = clientFor(sandbox);
    try {
      const number = await place(sandbox, client, 781);
      const started = Date.now();
      let status = "";
      while (Date.now() - started < 5_000) {
        const result = await client.getDetailedStatus(number);
        status = result.kind === "ok" ? result.value.status : result.kind;
        if (status === "current") break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(status).toBe("current");
      const order = sandbox.state.find(number)!;
      // Five steps (four + issuance) at 40 ms each, stamped on the schedule, not when read.
      const stamps = [
        order.placedAt,
        ...order.lifecycle.steps.map((s) => s.doneAt!),
        order.lifecycle.issuedAt!,
      ].map(Date.parse);
      expect(stamps.slice(1).map((t, i) => t - stamps[i]!)).toEqual([40, 40, 40, 40, 40]);
    } finally {
      await client.close();
      await sandbox.close();
    }
  });
});

describe("persistence", () => {
  it("keeps orders and the CA key across a restart with the same dataDir", async () => {
    const dataDir = join(work, "data");
    const first = await startTestSandbox({ dataDir });
    const client = clientFor(first);
    const number = await place(first, client, 781);
    await post(`${first.url}/sandbox/orders/${number}/advance?to=issued`);
    const pending = await place(first, client, 779);
    await post(`${first.url}/sandbox/orders/${pending}/advance`);
    const rootBefore = (await getJson<{ rootPem: string }>(`${first.url}/sandbox/ca`)).rootPem;
    await client.close();
    await first.close();

    const second = await startTestSandbox({ dataDir });
    const again = clientFor(second);
    try {
      const ca = await getJson<{ rootPem: string; issuingPem: string }>(`${second.url}/sandbox/ca`);
      expect(ca.rootPem).toBe(rootBefore);
      const collected = await again.collect(number, 781);
      if (collected.kind !== "ok" || collected.value.state !== "issued")
        throw new Error(JSON.stringify(collected));
      const leaf = file(collected.value.certificatePem);
      expect(
        openssl("verify", "-CAfile", file(ca.rootPem), "-untrusted", file(ca.issuingPem), leaf).trim(),
      ).toBe(`${leaf}: OK`);
      const view = await getJson<OrderView>(`${second.url}/sandbox/orders/${pending}`);
      expect(view.steps.map((s) => Boolean(s.doneAt))).toEqual([true, false, false]);
      // The next order issued after the restart chains to the same, kept root.
      await post(`${second.url}/sandbox/orders/${pending}/advance?to=issued`);
      const later = await again.collect(pending, 779);
      if (later.kind !== "ok" || later.value.state !== "issued") throw new Error(JSON.stringify(later));
      const laterLeaf = file(later.value.certificatePem);
      expect(
        openssl("verify", "-CAfile", file(rootBefore), "-untrusted", file(ca.issuingPem), laterLeaf).trim(),
      ).toBe(`${laterLeaf}: OK`);
      const next = await place(second, again, 781);
      expect(Number(next)).toBe(Number(pending) + 1);
    } finally {
      await again.close();
      await second.close();
    }
  });
});

describe("push", () => {
  it("tells a receiver of issuance, rejection and revocation, retrying failures 3 times", async () => {
    const received: URLSearchParams[] = [];
    let failuresLeft = 2;
    const receiver = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://receiver.invalid");
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(503).end();
        return;
      }
      received.push(url.searchParams);
      res.writeHead(200).end("ok");
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const pushUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/sectigo/push`;
    const sandbox = await startTestSandbox({ pushUrl, pushRetryDelayMs: 10 });
    const client = clientFor(sandbox);
    try {
      const issued = await place(sandbox, client, 781);
      await post(`${sandbox.url}/sandbox/orders/${issued}/advance?to=issued`);
      await sandbox.engine.settled();
      const rejected = await place(sandbox, client, 781);
      await client.revoke(rejected, { code: 0, text: "cancel" }, { test: false });
      await client.revoke(issued, { code: 1, text: "key lost" }, { test: false });
      await sandbox.engine.settled();

      const summary = received.map((q) => [q.get("orderNumber"), q.get("statusCode"), q.get("eventType")]);
      expect(summary).toEqual([
        [issued, "6", "certificate"],
        [rejected, "7", "certificate"],
        [issued, "8", "certificate"],
      ]);
      expect(received[0]!.get("certificateID")).toBe(sandbox.state.find(issued)!.certificateId);
      expect(received[2]!.get("revocationReasonCode")).toBe("1");
      expect(sandbox.state.pushes.map((p) => [p.statusCode, p.attempts, p.delivered])).toEqual([
        [6, 3, true],
        [7, 1, true],
        [8, 1, true],
      ]);
    } finally {
      await client.close();
      await sandbox.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("gives up after 3 retries without breaking the sandbox", async () => {
    const sandbox = await startTestSandbox({ pushUrl: "http://127.0.0.1:9/push", pushRetryDelayMs: 5 });
    const client = clientFor(sandbox);
    try {
      const number = await place(sandbox, client, 781);
      await post(`${sandbox.url}/sandbox/orders/${number}/advance?to=issued`);
      await sandbox.engine.settled();
      expect(sandbox.state.pushes).toMatchObject([{ statusCode: 6, attempts: 4, delivered: false }]);
      expect(await client.collect(number, 781)).toMatchObject({ kind: "ok", value: { state: "issued" } });
    } finally {
      await client.close();
      await sandbox.close();
    }
  });
});
