import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StoredCa } from "./ca";
import type { SandboxOrder } from "./state";

// The sandbox's disk copy: one JSON file, replaced atomically (temp file + rename) so a crash
// mid-write leaves the previous version, never half a file.

export interface StoredSandbox {
  version: 1;
  nextOrderNumber: number;
  orders: SandboxOrder[];
  ca: StoredCa;
}

const FILE = "sandbox-state.json";

export function storePath(dataDir: string): string {
  return join(dataDir, FILE);
}

export function loadStore(dataDir: string): StoredSandbox | undefined {
  const path = storePath(dataDir);
  if (!existsSync(path)) return undefined;
  const stored = JSON.parse(readFileSync(path, "utf8")) as StoredSandbox;
  if (stored.version !== 1) throw new Error(`${path}: unknown version ${String(stored.version)}`);
  return stored;
}

export function saveStore(dataDir: string, data: StoredSandbox): void {
  mkdirSync(dataDir, { recursive: true });
  const path = storePath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(data), { mode: 0o600 });
  renameSync(temp, path);
}
