import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent, endpointLabel, postForm } from "@/lib/sectigo/transport";
import { portalMetrics, routeLabel, labelByRoutesManifest } from "./metrics.mjs";

describe("routeLabel", () => {
  it("replaces ids, order numbers and tokens, so every order's page is one route", () => {
    expect(routeLabel("/orders/cm4x1y2z3a4b5c6d7e8f9g0h1", 200)).toBe("/orders/:id");
    expect(routeLabel("/orders/cm4x1y2z3a4b5c6d7e8f9g0h1/certificate/pem", 200)).toBe(
      "/orders/:id/certificate/pem",
    );
    expect(routeLabel("/support/find/EQ-7K4M-9P2X", 200)).toBe("/support/find/:id");
    expect(routeLabel("/reset-password/" + "A".repeat(43), 200)).toBe("/reset-password/:id");
    expect(routeLabel("/", 200)).toBe("/");
    expect(routeLabel("/orders/new", 200)).toBe("/orders/new");
  });

  it("counts every 404 and every static file under one label", () => {
    expect(routeLabel("/wp-admin/setup.php", 404)).toBe("unmatched");
    expect(routeLabel("/_next/static/chunks/abc123.js", 200)).toBe("/_next/static");
    expect(routeLabel("/a/b/c/d/e/f/g/h/i", 200)).toBe("unmatched");
  });
});

describe("routeLabel with the build's routes", () => {
  afterAll(() => {
    portalMetrics().routes = undefined;
  });
  it("labels by the route's pattern and every path no route serves as unmatched, whatever its status", () => {
    labelByRoutesManifest({
      staticRoutes: [{ page: "/orders/new", regex: "^/orders/new(?:/)?$" }],
      dynamicRoutes: [{ page: "/orders/[id]", regex: "^/orders/([^/]+?)(?:/)?$" }],
    });
    expect(routeLabel("/orders/new", 200)).toBe("/orders/new");
    expect(routeLabel("/orders/anything-at-all", 200)).toBe("/orders/[id]");
    expect(routeLabel("/no-such-page-123", 307)).toBe("unmatched");
    expect(routeLabel("/_next/static/chunks/x.js", 200)).toBe("/_next/static");
  });
});

describe("Sectigo calls are counted by endpoint and outcome", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url?.includes("slow")) return; // never answers: the call times out
      response.writeHead(request.url?.includes("broken") ? 503 : 200, { "content-type": "text/plain" });
      response.end("0\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function value(endpoint: string, outcome: string): Promise<number> {
    const metric = await portalMetrics().sectigoCalls.get();
    return (
      metric.values.find((v) => v.labels.endpoint === endpoint && v.labels.outcome === outcome)?.value ?? 0
    );
  }

  it("answers by status class, timeouts as timeout, each once per call", async () => {
    const dispatcher = createAgent(1000);
    const ok0 = await value("!AutoApplyOrder", "2xx");
    const bad0 = await value("!broken", "5xx");
    const slow0 = await value("!slow", "timeout");
    await postForm(`${base}/products/!AutoApplyOrder`, new URLSearchParams({ a: "1" }), {
      dispatcher,
      timeoutMs: 2000,
    });
    await postForm(`${base}/products/!AutoApplyOrder`, new URLSearchParams({ a: "1" }), {
      dispatcher,
      timeoutMs: 2000,
    });
    await postForm(`${base}/products/!broken`, new URLSearchParams(), { dispatcher, timeoutMs: 2000 });
    const slow = await postForm(`${base}/products/!slow`, new URLSearchParams(), {
      dispatcher,
      timeoutMs: 200,
    });
    expect(slow.ok).toBe(false);
    expect(await value("!AutoApplyOrder", "2xx")).toBe(ok0 + 2);
    expect(await value("!broken", "5xx")).toBe(bad0 + 1);
    expect(await value("!slow", "timeout")).toBe(slow0 + 1);
    const durations = await portalMetrics().sectigoDuration.get();
    const count = durations.values.find(
      (v) => v.metricName === "portal_sectigo_call_duration_seconds_count" && v.labels.endpoint === "!slow",
    );
    expect(count?.value).toBe(slow0 + 1);
  });

  it("names the endpoint by its path's last segment", () => {
    expect(endpointLabel("https://secure.trust-provider.com/products/download/CollectEIDAS")).toBe(
      "CollectEIDAS",
    );
    expect(endpointLabel("not a url")).toBe("invalid-url");
  });
});
