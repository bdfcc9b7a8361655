// One portal instance's start-up (spawned by startup-concurrent.test.ts and startup-health.test.ts,
// never run by Vitest): bootstrap as instrumentation.ts runs it, then the health check, printed as
// one JSON line. Run with `node --conditions=react-server --import tsx`.
import { bootstrap } from "@/lib/bootstrap";
import { configuredDbKind, db } from "@/lib/db";
import { checkHealth } from "@/lib/health";

try {
  await bootstrap();
  const health = await checkHealth(configuredDbKind(), db);
  process.stdout.write(`HEALTH ${JSON.stringify(health)}\n`);
  if (process.env.STAY_OPEN === "1") {
    process.stdout.write("READY\n");
    await new Promise(() => undefined);
  }
  // Exits without stopping the worker gracefully: that waits out pg-boss's polling, and the
  // test only asks whether start-up succeeded.
  process.exit(health.status === "ok" ? 0 : 1);
} catch (error) {
  process.stdout.write(`FAILED ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
