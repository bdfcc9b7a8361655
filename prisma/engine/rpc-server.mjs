// The native engine's long-running mode: newline-delimited JSON-RPC 2.0 on stdin/stdout,
// JSON log lines on stderr. Requests are served one at a time, in order.
import readline from "node:readline";
import { createAdapterFactory } from "./adapters.mjs";
import { createDatabaseFor } from "./cli-commands.mjs";
import { createWasmEngine, lastPanicMessage } from "./wasm-engine.mjs";

// The code and message the native engine uses for every user-facing error.
const ENGINE_ERROR = { code: 4466, message: "An error happened. Check the data field for details." };

/** Methods of the native engine's RPC API that the wasm engine implements under the same name. */
const PASSTHROUGH = new Set([
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
]);

/**
 * The 7.10 wasm engine's `evaluateDataLoss` and `createMigration` only work on an engine that
 * has already built the migration history in a shadow database; on their own they fail with
 * "PostgreSQL shadow DB must be provided through an external factory" (`migrate dev` sends
 * them right after `applyMigrations`). A history diagnosis on the same engine builds it.
 */
const NEEDS_SHADOW_PRIMING = new Set(["evaluateDataLoss", "createMigration"]);

async function primeShadowDatabase(engine, params) {
  await engine
    .diagnoseMigrationHistory({
      migrationsList: params.migrationsList,
      optInToShadowDatabase: true,
      filters: params.filters,
    })
    .catch(() => undefined); // the real request reports any problem with the history itself
}

function isPanic(error) {
  return error instanceof WebAssembly.RuntimeError;
}

/**
 * Errors thrown in JS adapter code reach the engine only as an id in the adapter factory's
 * error registry ("External error id#3"); the CLI gets the original message instead.
 */
function withExternalErrors(message, errorRegistry) {
  return message.replace(/External error id#(\d+)/g, (match, id) => {
    const registered = errorRegistry.consumeError(Number(id))?.error;
    return registered instanceof Error ? registered.message : match;
  });
}

export function serveRpc({ datamodels, datasource, cleanups }) {
  const adapterFactory = createAdapterFactory(datasource, cleanups);
  // Every request gets a fresh engine, so that no state carries over between requests.
  let current;
  const engine = () =>
    (current ??= createWasmEngine({
      datamodels,
      adapterFactory,
      onLog: (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`),
    }));
  const releaseEngine = async () => {
    const done = current;
    current = undefined;
    if (!done) return;
    try {
      (await done.catch(() => undefined))?.free();
    } finally {
      await adapterFactory.closeConnections();
    }
  };

  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const pendingPrints = new Map();
  let printId = 0;

  // The native engine hands `diff` output to the CLI as a `print` request so that it lands on
  // the CLI's stdout (and in `--output` files); the wasm engine returns it instead.
  const print = (content) =>
    new Promise((resolve) => {
      const id = `print-${++printId}`;
      pendingPrints.set(id, resolve);
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  const call = async (method, params) => {
    if (NEEDS_SHADOW_PRIMING.has(method)) await primeShadowDatabase(await engine(), params);
    if (PASSTHROUGH.has(method)) return (await engine())[method](params);
    switch (method) {
      case "diff": {
        const result = await (await engine()).diff(params);
        if (result.stdout !== null && result.stdout !== undefined)
          await print(result.stdout.replace(/\n$/, ""));
        return { exitCode: result.exitCode };
      }
      case "getDatabaseVersion":
      case "version":
        return (await engine()).version(params ?? undefined);
      case "createDatabase": {
        const ds = params?.datasource;
        const url = ds?.tag === "ConnectionString" ? ds.url : datasource?.url;
        return { databaseName: await createDatabaseFor(url) };
      }
      case "debugPanic":
        return (await engine()).debugPanic();
      default: {
        const error = new Error(`Method not found: ${method}`);
        error.rpcCode = -32601;
        throw error;
      }
    }
  };

  let queue = Promise.resolve();
  let panicked = false;
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });

  const handle = async (request) => {
    let result;
    try {
      result = await call(request.method, request.params);
    } catch (error) {
      panicked = isPanic(error);
      const raw = panicked ? (lastPanicMessage() ?? String(error)) : (error?.message ?? String(error));
      const message = withExternalErrors(raw, adapterFactory.errorRegistry);
      const payload = error?.rpcCode
        ? { code: error.rpcCode, message }
        : { ...ENGINE_ERROR, data: { is_panic: panicked, message, meta: null } };
      if (!panicked) await releaseEngine();
      send({ jsonrpc: "2.0", id: request.id, error: payload });
      // A trapped wasm instance cannot serve further requests: exit as the native engine does.
      if (panicked) lines.close();
      return;
    }
    await releaseEngine();
    send({ jsonrpc: "2.0", id: request.id, result: result ?? {} });
  };

  return new Promise((resolve) => {
    lines.on("line", (line) => {
      if (!line.trim()) return;
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
        return;
      }
      if (message.method === undefined) {
        // A response from the CLI to one of our `print` requests.
        pendingPrints.get(message.id)?.();
        pendingPrints.delete(message.id);
        return;
      }
      queue = queue.then(() => (panicked ? undefined : handle(message)));
    });
    lines.on("close", () => queue.then(() => resolve(panicked ? 101 : 0)));
  });
}
