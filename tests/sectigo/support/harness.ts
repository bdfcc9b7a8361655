import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { createSectigoClient, type SectigoClient, type SectigoClientOptions } from "@/lib/sectigo/client";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "@/sandbox/server";

/** A sandbox on a free port with explicit settings (independent of the developer's env). */
export function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, balance: 1_000_000, successCode: 0, faults: {}, ...options });
}

export function clientFor(
  sandbox: RunningSandbox,
  overrides: Partial<SectigoClientOptions> & { logger?: Logger } = {},
): SectigoClient {
  return createSectigoClient({
    baseUrl: sandbox.url,
    loginName: sandbox.loginName,
    loginPassword: sandbox.loginPassword,
    timeoutMs: 10_000,
    ...overrides,
  });
}

export function newFon(prefix = "T"): string {
  return `${prefix}-${randomUUID()}`;
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  return getJson<T>(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
