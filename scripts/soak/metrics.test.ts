import { describe, expect, test } from "vitest";
import { compareMetrics, parseMetrics } from "./metrics";

const before = parseMetrics(`# HELP portal_orders Orders by status
# TYPE portal_orders gauge
portal_orders{status="PLACED"} 2
portal_orders{status="DRAFT"} 1
portal_sectigo_calls_total{endpoint="!AutoApplyOrder",outcome="2xx"} 2
portal_http_requests_total{method="GET",route="/metrics",status="200"} 4
portal_http_requests_total{method="POST",route="/orders/new",status="200"} 10
`);

const after = parseMetrics(`portal_orders{status="PLACED"} 5
portal_orders{status="ISSUED"} 1
portal_orders{status="DRAFT"} 9
portal_sectigo_calls_total{endpoint="!AutoApplyOrder",outcome="2xx"} 6
portal_sectigo_calls_total{endpoint="!AutoApplyOrder",outcome="5xx"} 2
portal_sectigo_calls_total{endpoint="!AutoApplyOrder",outcome="timeout"} 1
portal_sectigo_calls_total{endpoint="!GetDetailedOrderStatus",outcome="2xx"} 40
portal_http_requests_total{method="GET",route="/metrics",status="200"} 5
portal_http_requests_total{method="POST",route="/orders/new",status="200"} 17
portal_http_requests_total{method="GET",route="/sign-in",status="303"} 3
`);

const counts = {
  ordersAtCa: 4,
  atCaStatuses: ["PLACED", "ISSUED"],
  sends: { "2xx": 4, "5xx": 2, "no answer": 1 },
  httpStatuses: { "200": 7, "303": 3 },
};

describe("the soak's /metrics check", () => {
  test("passes when every counter moved by the soak's own count (scrapes and status checks aside)", () => {
    expect(compareMetrics(before, after, counts)).toMatchObject({ ok: true, problems: [] });
  });

  test("names each counter that disagrees", () => {
    const result = compareMetrics(before, after, {
      ...counts,
      ordersAtCa: 3,
      sends: { "2xx": 4, "5xx": 3 },
      httpStatuses: { "200": 7 },
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toContain("/metrics says 4 more, the soak counted 3");
  });
});
