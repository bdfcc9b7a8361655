#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded on machines
// without internet access. scripts/prisma.mjs points PRISMA_SCHEMA_ENGINE_BINARY here only when
// the native engine is absent. It speaks the native engine's command line and JSON-RPC protocol
// and runs the WebAssembly schema engine of the same Prisma release on a driver adapter.
// tests/integration/prisma-cli.test.ts runs the CLI through it to catch a breaking upgrade.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { runCliCommand } from "./cli-commands.mjs";
import { serveRpc } from "./rpc-server.mjs";
import { expectedEngineVersion, lastPanicMessage, wasmEngineVersion } from "./wasm-engine.mjs";

const { values, positionals } = parseArgs({
  options: {
    datamodels: { type: "string", multiple: true, default: [] },
    datasource: { type: "string" },
    "enabled-preview-features": { type: "string" },
    "extension-types": { type: "string" },
    version: { type: "boolean", short: "V" },
    help: { type: "boolean", short: "h" },
  },
  allowPositionals: true,
  strict: true,
});

// Work that must happen before exit whatever the outcome: dropping temporary shadow databases,
// closing an embedded database and releasing its lock.
const cleanups = new Set();

function log(level, message) {
  process.stderr.write(`${JSON.stringify({ level, fields: { message }, target: "schema_engine" })}\n`);
}

let cleaning;
function runCleanups() {
  cleaning ??= (async () => {
    for (const cleanup of cleanups)
      await cleanup().catch((error) => log("WARN", `cleanup failed: ${error.message}`));
  })();
  return cleaning;
}

function exitAfterCleanups(code) {
  void runCleanups().finally(() => process.exit(code));
}

async function main() {
  if (values.help) {
    process.stdout.write(
      "schema-engine (wasm stand-in)\nUsage: schema-engine [--datamodels PATH]... [--datasource JSON] [cli can-connect-to-database|create-database]\n",
    );
    return 0;
  }
  if (values.version) {
    process.stdout.write(`schema-engine-cli ${await wasmEngineVersion()}\n`);
    return 0;
  }
  const datasource = values.datasource ? JSON.parse(values.datasource) : undefined;
  if (positionals[0] === "cli") return runCliCommand(positionals[1], datasource);
  if (positionals.length) throw new Error(`Unexpected arguments: ${positionals.join(" ")}`);

  const expected = expectedEngineVersion();
  const actual = await wasmEngineVersion();
  if (expected && expected !== actual) {
    log(
      "WARN",
      `@prisma/schema-engine-wasm is build ${actual} but the prisma CLI expects ${expected}: pin the matching version`,
    );
  }
  const datamodels = await Promise.all(
    values.datamodels.map(async (file) => [file, await readFile(file, "utf8")]),
  );
  return serveRpc({ datamodels, datasource, cleanups });
}

// The CLI ends stdin and sends SIGTERM at once when it is done, and may exit before us: output
// to its closed pipes is dropped so that the cleanups still run to the end.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => exitAfterCleanups(130));
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
// A Rust panic can surface outside any request (from a callback inside the wasm engine). The
// CLI reports the last ERROR line and exit code 101 as an engine panic, like the native one.
process.on("uncaughtException", (error) => {
  log("ERROR", lastPanicMessage() ?? error.stack ?? String(error));
  exitAfterCleanups(101);
});

let code;
try {
  code = await main();
} catch (error) {
  log("ERROR", error?.message ?? String(error));
  code = 1;
}
// Pools and wasm timers may keep the event loop alive; the protocol is over, so exit now.
exitAfterCleanups(code);
