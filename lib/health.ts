import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { DbKind } from "@/lib/db";

export interface HealthReport {
  status: "ok" | "unavailable";
  database: { kind: DbKind; ok: boolean; latencyMs?: number; error?: string };
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

/** Asks the database a trivial question; never throws. */
export async function checkHealth(
  kind: DbKind,
  client: () => Promise<PrismaClient>,
  timeoutMs = 2_000,
): Promise<HealthReport> {
  const started = performance.now();
  try {
    await withTimeout(
      client().then((prisma) => prisma.$queryRaw`SELECT 1`),
      timeoutMs,
    );
    return { status: "ok", database: { kind, ok: true, latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    // The message names the failure class only; connection strings never appear here.
    const message =
      error instanceof Error
        ? error.message.split("\n")[0]?.replace(/postgres(ql)?:\/\/\S+/g, "[url]")
        : "error";
    return { status: "unavailable", database: { kind, ok: false, error: message } };
  }
}
