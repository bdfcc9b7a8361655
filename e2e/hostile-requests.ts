import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { SERVER_LOG } from "./secrets";

// Helpers for the specs that send requests no page of the portal sends: what the server printed
// meanwhile, and the build's action ids.

/** A mark in the server's log; `since` gives what was printed after it. */
export function logMark(): number {
  try {
    return statSync(SERVER_LOG).size;
  } catch {
    return 0;
  }
}

/** The server's log lines printed after `mark`, once the server has written them out. */
export async function logSince(mark: number): Promise<string[]> {
  // e2e/serve.ts relays the server's output as it comes; give the last lines a moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const text = readFileSync(SERVER_LOG).subarray(mark).toString("utf8");
  return text.split("\n").filter(Boolean);
}

/**
 * Asserts that the server answered the hostile requests quietly: one "request refused" line
 * each, and no uncaught exception, error or stack trace (each of which would let a client flood
 * the log at will).
 */
export function expectQuietLog(lines: string[], refusals: number): void {
  const noisy = lines.filter((line) => /uncaughtException|⨯|^\s+at |Error:|"level":(50|60)/.test(line));
  expect(noisy, "errors or stack traces in the server log").toEqual([]);
  expect(lines.filter((line) => line.includes('"msg":"request refused"'))).toHaveLength(refusals);
}

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
  workers?: Record<string, unknown>;
}

/** The id of a server action of this build, by its source file and exported name. */
export function actionId(file: string, name: string): string {
  const manifest = JSON.parse(
    readFileSync(
      path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"),
      "utf8",
    ),
  ) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(([, e]) => e.filename === file && e.exportedName === name);
  if (!found) throw new Error(`no action ${name} in ${file} in this build`);
  return found[0];
}
