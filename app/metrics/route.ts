import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { registerDatabaseGauges } from "@/lib/observability/gauges";
import { portalMetrics } from "@/lib/observability/metrics.mjs";

// GET /metrics: the Prometheus text format, for a scraper holding METRICS_TOKEN. Without the
// setting the route does not exist (404), so a default installation exposes nothing.
export const dynamic = "force-dynamic";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Compares the presented token in constant time (both sides hashed to the same length). */
function presentsToken(request: Request, token: string): boolean {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

export async function GET(request: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not found.\n", { status: 404 });
  if (!presentsToken(request, token)) {
    return new Response("A bearer token is required.\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" },
    });
  }
  registerDatabaseGauges();
  const { registry } = portalMetrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}
