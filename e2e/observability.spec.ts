import { expect, test } from "./fixtures";
import { logMark, logSince } from "./hostile-requests";
import { E2E_METRICS_TOKEN } from "./secrets";

// Monitoring on the production build over HTTP: /metrics for a scraper holding the token, and a
// request id on every answer that is also on every log line the request caused.

const auth = { Authorization: `Bearer ${E2E_METRICS_TOKEN}` };

/** The value of one series in Prometheus's text format (0 when it has not been counted yet). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

test("/metrics answers only with the token, and counts requests by route pattern", async ({ request }) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  expect(
    (
      await request.get("/metrics", { headers: { Authorization: "Bearer wrong-token-0123456789abc" } })
    ).status(),
  ).toBe(401);

  const before = await (await request.get("/metrics", { headers: auth })).text();
  const labels = { method: "GET", route: "/api/health", status: "200" };
  for (let i = 0; i < 3; i++) expect((await request.get("/api/health")).status()).toBe(200);
  // Random paths all count as one "unmatched" route, never as series of their own.
  for (let i = 0; i < 2; i++) await request.get(`/no-such-page-${Date.now()}-${i}`);
  const after = await (await request.get("/metrics", { headers: auth })).text();

  expect(
    sample(after, "portal_http_requests_total", labels) -
      sample(before, "portal_http_requests_total", labels),
  ).toBe(3);
  expect(after).not.toContain("no-such-page");
  // (Anonymous visitors are sent to sign-in first: a 307, still on no route of the portal.)
  const unmatched = (text: string) =>
    sample(text, "portal_http_requests_total", { route: "unmatched", status: "307" });
  expect(unmatched(after) - unmatched(before)).toBe(2);
  // Read from the database at the scrape: the demo seed's users have orders only once tests
  // place them, but the gauges and the process metrics are always there.
  expect(after).toMatch(/^# TYPE portal_orders gauge$/m);
  expect(after).toMatch(/^# TYPE portal_mail_outbox gauge$/m);
  expect(after).toMatch(/^portal_process_resident_memory_bytes \d+/m);
  expect(after).not.toContain(E2E_METRICS_TOKEN);
});

test("every answer carries a request id, which every log line of that request carries too", async ({
  request,
}) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const id = first.headers()["x-request-id"];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(second.headers()["x-request-id"]).not.toBe(id);

  // A request the proxy refuses is logged; the line names the request's id.
  const mark = logMark();
  const refused = await request.get("/orders?q=%00");
  expect(refused.status()).toBe(400);
  const refusedId = refused.headers()["x-request-id"];
  const lines = (await logSince(mark)).filter((line) => line.includes("request refused"));
  expect(lines.length).toBeGreaterThan(0);
  expect(
    lines.every((line) => JSON.parse(line).requestId === refusedId),
    lines.join("\n"),
  ).toBe(true);
});
