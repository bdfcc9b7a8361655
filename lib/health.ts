import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { DbKind } from "@/lib/db";

export interface StartupStatus {
  phase: "starting" | "waiting" | "ready";
  /** Why the last start-up try failed (phase "waiting"). */
  error?: string;
}

export interface HealthReport {
  status: "ok" | "unavailable";
  database: { kind: DbKind; ok: boolean; latencyMs?: number; error?: string };
  startup?: StartupStatus;
}

const globalForStartup = globalThis as unknown as { __portalStartupStatus?: StartupStatus };

/** Where the server's start-up is (see startPortal); undefined where it was not started that way. */
export function startupStatus(): StartupStatus | undefined {
  return globalForStartup.__portalStartupStatus;
}

export function setStartupStatus(status: StartupStatus): void {
  globalForStartup.__portalStartupStatus = status;
}

// The message names the failure class only; connection strings never appear here.
function safeMessage(error: unknown): string {
  return error instanceof Error
    ? (error.message.split("\n")[0]?.replace(/postgres(ql)?:\/\/\S+/g, "[url]") ?? "error")
    : "error";
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/**
 * Asks the database a trivial question; never throws. With a start-up status, the portal is only
 * ok once start-up has finished (migrations, recovery, the job worker), not merely when the
 * database answers.
 */
export async function checkHealth(
  kind: DbKind,
  client: () => Promise<PrismaClient>,
  timeoutMs = 2_000,
  startup?: StartupStatus,
): Promise<HealthReport> {
  if (startup && startup.phase !== "ready") {
    const error = startup.error ? safeMessage(new Error(startup.error)) : "starting";
    return {
      status: "unavailable",
      database: { kind, ok: false, error },
      startup: { phase: startup.phase, ...(startup.error ? { error } : {}) },
    };
  }
  const started = performance.now();
  try {
    await withTimeout(
      client().then((prisma) => prisma.$queryRaw`SELECT 1`),
      timeoutMs,
    );
    return { status: "ok", database: { kind, ok: true, latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    return { status: "unavailable", database: { kind, ok: false, error: safeMessage(error) } };
  }
}
