import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

// A production build is reused while no source file changed since it was made; the stamp is a
// hash of the paths, sizes and modification times of everything that goes into the build.
const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);
const STAMP = path.join(".next", "portal-build-stamp");

function walk(entry: string, out: string[]): void {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const name of readdirSync(entry).sort()) if (!SKIP.has(name)) walk(path.join(entry, name), out);
  } else {
    out.push(`${entry}:${stat.size}:${stat.mtimeMs}`);
  }
}

export function sourceStamp(): string {
  const lines: string[] = [];
  for (const input of INPUTS) walk(input, lines);
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** Runs `next build` unless the existing build matches the sources. Returns whether it built. */
export function buildIfNeeded(env: NodeJS.ProcessEnv = process.env): boolean {
  const stamp = sourceStamp();
  if (
    existsSync(path.join(".next", "BUILD_ID")) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8") === stamp
  ) {
    return false;
  }
  console.log("Building the portal (first start or sources changed)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  writeFileSync(STAMP, stamp);
  return true;
}
