// The portal's Prometheus metrics: one prom-client registry per process, kept on globalThis because
// two copies of this module run in one process (the production front, scripts/serve.mjs, imports
// it unbundled; Next.js bundles it into its server chunks). Plain JavaScript for the front's sake;
// the types are in metrics.d.mts. Served at /metrics (app/metrics/route.ts).
import client from "prom-client";

const KEY = Symbol.for("eidas-portal.metrics");

// Seconds; a page render or an action takes milliseconds to seconds, a Sectigo call up to its
// 60-second timeout.
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SECTIGO_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The process's registry and the metrics recorded as things happen (gauges are read at scrape). */
export function portalMetrics() {
  const existing = globalThis[KEY];
  if (existing) return existing;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "portal_" });
  const registers = [registry];
  const made = {
    registry,
    httpRequests: new client.Counter({
      name: "portal_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status code.",
      labelNames: ["method", "route", "status"],
      registers,
    }),
    httpDuration: new client.Histogram({
      name: "portal_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its answer, by method, route pattern and status code.",
      labelNames: ["method", "route", "status"],
      buckets: HTTP_BUCKETS,
      registers,
    }),
    sectigoCalls: new client.Counter({
      name: "portal_sectigo_calls_total",
      help: "Calls to Sectigo's API, by endpoint and outcome (the HTTP status class, timeout, network or aborted).",
      labelNames: ["endpoint", "outcome"],
      registers,
    }),
    sectigoDuration: new client.Histogram({
      name: "portal_sectigo_call_duration_seconds",
      help: "Duration of calls to Sectigo's API, by endpoint and outcome.",
      labelNames: ["endpoint", "outcome"],
      buckets: SECTIGO_BUCKETS,
      registers,
    }),
    /** Set once the database-backed gauges are registered (lib/observability/gauges.ts). */
    gauges: false,
    /** The build's routes, when the front has read them (labelByRoutesManifest). */
    routes: undefined,
  };
  globalThis[KEY] = made;
  return made;
}

// Path segments that are ids, order numbers or tokens: replaced by ":id" when the routes of the
// build are not known (next dev, tests). cuid (c + 24 base-36), the portal's EQ-XXXX-XXXX
// numbers, digits, UUIDs and long hex or base64url tokens.
const ID_SEGMENT =
  /^(c[a-z0-9]{20,32}|EQ-[A-Z0-9]{4}-[A-Z0-9]{4}|\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{32,})$/;

/**
 * Tells the metrics the build's routes (Next.js's routes-manifest.json: each page's pattern and
 * regex), so that a request is labelled with its route's pattern ("/orders/[id]") and a path no
 * route serves is "unmatched", whatever status it got: a redirect to sign-in, say.
 */
export function labelByRoutesManifest(manifest) {
  const compile = (routes) => (routes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  portalMetrics().routes = [...compile(manifest.staticRoutes), ...compile(manifest.dynamicRoutes)];
}

/**
 * The route label of a request: its route's pattern, Next's static files under one label, and
 * everything answered 404 or served by no route as "unmatched", so that probing random paths
 * cannot grow the number of series without bound.
 */
export function routeLabel(pathname, status) {
  if (status === 404) return "unmatched";
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/image")) return "/_next/image";
  const routes = portalMetrics().routes;
  if (routes) return routes.find((route) => route.regex.test(pathname))?.page ?? "unmatched";
  const segments = pathname.split("/").map((segment) => (ID_SEGMENT.test(segment) ? ":id" : segment));
  // A path is at most a few segments in this portal; anything longer is not one of its routes.
  return segments.length > 8 ? "unmatched" : segments.join("/") || "/";
}

/** Records the request's count and duration when its answer has been sent (or the client left). */
export function observeHttp(request, response) {
  const started = process.hrtime.bigint();
  const done = () => {
    response.off("finish", done);
    response.off("close", done);
    const status = response.writableFinished ? response.statusCode : 499;
    const pathname = new URL(request.url ?? "/", "http://portal.invalid").pathname;
    const labels = {
      method: request.method ?? "GET",
      route: routeLabel(pathname, status),
      status: String(status),
    };
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const metrics = portalMetrics();
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, seconds);
  };
  response.on("finish", done);
  response.on("close", done);
}

/** Records one call to Sectigo: `outcome` is "2xx".."5xx", "timeout", "network" or "aborted". */
export function observeSectigoCall(endpoint, outcome, seconds) {
  const metrics = portalMetrics();
  metrics.sectigoCalls.inc({ endpoint, outcome });
  metrics.sectigoDuration.observe({ endpoint, outcome }, seconds);
}
