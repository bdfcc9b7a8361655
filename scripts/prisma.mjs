#!/usr/bin/env node
// `npm run prisma -- <args>`: the prisma CLI, with the offline schema engine
// (prisma/engine/schema-engine.mjs) when the native engine could not be downloaded.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));

export const SHIM_PATH = path.join(root, "prisma", "engine", "schema-engine.mjs");

// Places where the prisma CLI looks for a downloaded `schema-engine-<platform>` binary.
function engineSearchDirs() {
  const prismaDir = path.dirname(require.resolve("prisma/package.json"));
  const dirs = [path.join(prismaDir, "..", "@prisma", "engines"), prismaDir, path.join(prismaDir, "runtime")];
  try {
    dirs.unshift(
      path.dirname(
        createRequire(path.join(prismaDir, "package.json")).resolve("@prisma/engines/package.json"),
      ),
    );
  } catch {
    // @prisma/engines not resolvable from prisma: the fixed locations above still apply.
  }
  return dirs;
}

/** Whether the prisma CLI has a native schema engine (downloaded, or configured by the user). */
export function nativeEngineAvailable(env = process.env) {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY || env.PRISMA_MIGRATION_ENGINE_BINARY) return true;
  return engineSearchDirs().some(
    (dir) =>
      existsSync(dir) && readdirSync(dir).some((name) => /^schema-engine-(?!.*\.(mjs|js|d\.ts)$)/.test(name)),
  );
}

/** The environment for a prisma CLI run. */
export function prismaEnv(env = process.env) {
  const next = { ...env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  // The native engine cannot open the embedded database (pglite: URLs), so those always use the shim.
  const embedded = env.DATABASE_URL?.startsWith("pglite:") && !env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (embedded || !nativeEngineAvailable(env)) next.PRISMA_SCHEMA_ENGINE_BINARY = SHIM_PATH;
  return next;
}

/** Runs the prisma CLI with `args`; resolves with its exit code. */
export function runPrisma(args, { env = process.env, cwd = root, stdio = "inherit" } = {}) {
  const cli = require.resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: prismaEnv(env), stdio });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runPrisma(process.argv.slice(2), { cwd: process.cwd() });
}
