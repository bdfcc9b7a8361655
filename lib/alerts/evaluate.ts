import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { queueMail } from "@/lib/mail/outbox";
import { FAILED_OUTCOMES } from "@/lib/sectigo/call-record";
import {
  decide,
  INCIDENT_LABELS,
  isIncidentKind,
  readings,
  type AlertSettings,
  type IncidentKind,
  type Measures,
  type Reading,
} from "./conditions";

// The alert evaluator, run by the job runner every ALERT_EVALUATE_SECONDS (lib/jobs/runner.ts):
// measures the window, opens, updates and closes incidents, and queues the mails of each
// opening and closing with the same transaction. One evaluation at a time across instances
// (an advisory lock; a second one meanwhile skips), and at most one open incident per kind
// (a partial unique index) whatever happens.

const ALERT_LOCK = 724_202; // pg_try_advisory_xact_lock key
/** A mail older than this still waiting counts as outbox backlog. */
const OUTBOX_GRACE_MS = 60_000;

const timestamp = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/** The thresholds and window from configuration. */
export function alertSettings(): AlertSettings {
  const config = env();
  return {
    windowMs: config.ALERT_WINDOW_SECONDS * 1000,
    failureRate: config.ALERT_FAILURE_RATE,
    minCalls: config.ALERT_MIN_CALLS,
    latencyP95Ms: config.ALERT_LATENCY_P95_MS,
    retryBacklog: config.ALERT_RETRY_BACKLOG,
    outboxBacklog: config.ALERT_OUTBOX_BACKLOG,
  };
}

type Db = PrismaClient | Prisma.TransactionClient;

/** The measures over the window ending at `now`. */
export async function measure(tx: Db, windowMs: number, now: Date): Promise<Measures> {
  const since = new Date(now.getTime() - windowMs);
  const [calls] = await tx.$queryRaw<{ calls: number; failures: number; p95: number | null }[]>`
    SELECT count(*)::int AS "calls",
      count(*) FILTER (WHERE "outcome" IN (${Prisma.join([...FAILED_OUTCOMES])}))::int AS "failures",
      percentile_cont(0.95) WITHIN GROUP (ORDER BY "durationMs") AS "p95"
    FROM "SectigoCall"
    WHERE "at" > ${timestamp(since)} AND "at" <= ${timestamp(now)} AND "outcome" <> 'aborted'`;
  const [backlog] = await tx.$queryRaw<{ retries: number; mails: number }[]>`
    SELECT (SELECT count(*)::int FROM "Order" WHERE "status" = 'RETRY_SCHEDULED') AS "retries",
      (SELECT count(*)::int FROM "MailOutbox" WHERE "status" IN ('PENDING', 'SENDING')
        AND "createdAt" < ${timestamp(new Date(now.getTime() - OUTBOX_GRACE_MS))}) AS "mails"`;
  return {
    calls: calls?.calls ?? 0,
    failures: calls?.failures ?? 0,
    p95Ms: calls?.p95 ?? null,
    retryBacklog: backlog?.retries ?? 0,
    outboxBacklog: backlog?.mails ?? 0,
  };
}

export interface EvaluationResult {
  /** False when another evaluation held the lock (nothing was done). */
  evaluated: boolean;
  opened: IncidentKind[];
  closed: IncidentKind[];
}

function describe(reading: Pick<Reading, "kind" | "threshold">, peak: number) {
  const label = INCIDENT_LABELS[reading.kind];
  return { title: label.title, peak: label.format(peak), threshold: label.format(reading.threshold) };
}

async function mailStaff(
  tx: Prisma.TransactionClient,
  incident: { id: string; kind: IncidentKind; threshold: number; peakValue: number; startedAt: Date },
  phase: "opened" | "closed",
  endedAt?: Date,
): Promise<void> {
  const staff = await tx.user.findMany({
    where: { role: { in: ["ADMIN", "SUPPORT"] }, disabled: false },
    select: { id: true, email: true },
  });
  for (const person of staff) {
    await queueMail(tx, {
      to: person.email,
      userId: person.id,
      template: "incident",
      dedupeKey: `incident:${incident.id}:${phase}:${person.id}`,
      data: {
        phase,
        ...describe(incident, incident.peakValue),
        startedAt: incident.startedAt.toISOString(),
        ...(endedAt ? { endedAt: endedAt.toISOString() } : {}),
      },
    });
  }
}

/** One evaluation of every alert condition at `now`. */
export async function evaluateAlerts(
  prisma: PrismaClient,
  settings: AlertSettings = alertSettings(),
  now = new Date(),
): Promise<EvaluationResult> {
  const result: EvaluationResult = { evaluated: false, opened: [], closed: [] };
  await prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${ALERT_LOCK}::bigint) AS "locked"`;
      if (!lock?.locked) return;
      result.evaluated = true;
      const measured = await measure(tx, settings.windowMs, now);
      const open = await tx.incident.findMany({ where: { endedAt: null } });
      for (const reading of readings(measured, settings)) {
        const current = open.find((i) => i.kind === reading.kind) ?? null;
        const decision = decide(reading, current, settings.windowMs, now);
        if (decision.action === "open") {
          const created = await tx.incident.create({
            data: {
              kind: reading.kind,
              startedAt: now,
              threshold: reading.threshold,
              peakValue: decision.value,
              lastValue: decision.value,
              detail: { ...measured },
            },
          });
          await mailStaff(tx, { ...created, kind: reading.kind }, "opened");
          result.opened.push(reading.kind);
        } else if (decision.action === "hold" && current) {
          await tx.incident.update({
            where: { id: current.id },
            data: {
              peakValue: decision.peakValue,
              lastValue: decision.lastValue,
              clearSince: decision.clearSince,
            },
          });
        } else if (decision.action === "close" && current && isIncidentKind(current.kind)) {
          await tx.incident.update({
            where: { id: current.id },
            data: { endedAt: decision.endedAt, lastValue: decision.lastValue },
          });
          await mailStaff(tx, { ...current, kind: current.kind }, "closed", decision.endedAt);
          result.closed.push(reading.kind);
        }
      }
    },
    { timeout: 30_000 },
  );
  if (result.opened.length || result.closed.length) logger.warn(result, "alert incidents changed");
  return result;
}
