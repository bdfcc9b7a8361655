import { configuredDbKind, db } from "@/lib/db";
import { checkHealth, startupStatus } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(configuredDbKind(), db, 2_000, startupStatus());
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
