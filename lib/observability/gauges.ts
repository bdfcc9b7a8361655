import "server-only";
import { Gauge } from "prom-client";
import { dbHandle } from "@/lib/db";
import { logger } from "@/lib/log";
import { portalMetrics } from "@/lib/observability/metrics.mjs";

// The gauges /metrics reads from the database when it is scraped: orders by status, the job
// queues, the mail outbox and the connection pool. Each is one grouped query; a failure (the
// database down) leaves that gauge empty for the scrape and is logged, the rest still answer.

async function rows<T>(sql: string): Promise<T[] | null> {
  try {
    const { prisma } = await dbHandle();
    return await prisma.$queryRawUnsafe<T[]>(sql);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "a metrics query failed");
    return null;
  }
}

/** Registers the database-backed gauges on the process's registry, once. */
export function registerDatabaseGauges(): void {
  const metrics = portalMetrics();
  if (metrics.gauges) return;
  metrics.gauges = true;
  const registers = [metrics.registry];

  new Gauge({
    name: "portal_orders",
    help: "Orders by status (drafts included).",
    labelNames: ["status"],
    registers,
    async collect() {
      this.reset();
      const counts = await rows<{ status: string; n: bigint }>(
        `SELECT status::text AS status, count(*) AS n FROM "Order" GROUP BY status`,
      );
      for (const row of counts ?? []) this.set({ status: row.status }, Number(row.n));
    },
  });

  const queueLabels = ["queue", "state"] as const;
  const depth = new Gauge({
    name: "portal_job_queue_jobs",
    help: "Jobs in pg-boss's queues that are waiting (created, retry) or running (active).",
    labelNames: queueLabels,
    registers,
    async collect() {
      await readQueues();
    },
  });
  const age = new Gauge({
    name: "portal_job_queue_oldest_seconds",
    help: "Age of the oldest waiting or running job per queue and state.",
    labelNames: queueLabels,
    registers,
  });
  async function readQueues(): Promise<void> {
    depth.reset();
    age.reset();
    // pg-boss's schema exists once a job runner has started; before that there is no queue.
    const queues = await rows<{ name: string; state: string; n: bigint; oldest: number | null }>(
      `SELECT name, state::text AS state, count(*) AS n,
              EXTRACT(EPOCH FROM now() - min(created_on))::float8 AS oldest
       FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
    );
    for (const row of queues ?? []) {
      depth.set({ queue: row.name, state: row.state }, Number(row.n));
      age.set({ queue: row.name, state: row.state }, row.oldest ?? 0);
    }
  }

  new Gauge({
    name: "portal_mail_outbox",
    help: "Mails in the outbox by status (sent rows are kept 30 days).",
    labelNames: ["status"],
    registers,
    async collect() {
      this.reset();
      const counts = await rows<{ status: string; n: bigint }>(
        `SELECT status::text AS status, count(*) AS n FROM "MailOutbox" GROUP BY status`,
      );
      for (const row of counts ?? []) this.set({ status: row.status }, Number(row.n));
    },
  });

  new Gauge({
    name: "portal_db_pool_connections",
    help: "The database pool: connections open, idle, the pool's maximum, and requests waiting for one.",
    labelNames: ["state"],
    registers,
    async collect() {
      this.reset();
      const stats = (await dbHandle().catch(() => null))?.poolStats?.();
      if (!stats) return;
      this.set({ state: "open" }, stats.size);
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "max" }, stats.max);
      this.set({ state: "waiting" }, stats.waiting);
    },
  });
}
