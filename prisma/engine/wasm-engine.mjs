// Loads Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm). The package's own entry
// imports the .wasm file as an ES module, which Node 20 cannot do without a flag, so the module is
// instantiated here by hand with the package's JS glue as its import object.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

let gluePromise;

// The wasm glue reports a Rust panic's message here before the instance traps.
const panicRegistry = {
  message: undefined,
  set_message(message) {
    this.message = message;
  },
};
globalThis.PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

/** Message of the last Rust panic inside the wasm engine, if any. */
export function lastPanicMessage() {
  return panicRegistry.message;
}

/** The initialised JS glue of the wasm schema engine (exports SchemaEngine and version()). */
export function loadGlue() {
  gluePromise ??= (async () => {
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import(gluePath);
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return gluePromise;
}

/** Build hash of the wasm engine; must equal the one the installed prisma CLI was released with. */
export async function wasmEngineVersion() {
  return (await loadGlue()).version();
}

/** The engine hash the installed prisma CLI expects, or undefined when it cannot be found. */
export function expectedEngineVersion() {
  try {
    const prismaDir = path.dirname(require.resolve("prisma/package.json"));
    const fromPrisma = createRequire(path.join(prismaDir, "package.json"));
    return fromPrisma("@prisma/engines-version").enginesVersion;
  } catch {
    return undefined;
  }
}

/**
 * Creates a wasm SchemaEngine on a migration-aware driver adapter factory (already bound with
 * bindMigrationAwareSqlAdapterFactory). `onLog` receives the engine's JSON log lines.
 */
export async function createWasmEngine({ datamodels, adapterFactory, onLog }) {
  const glue = await loadGlue();
  return glue.SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels : undefined },
    onLog,
    adapterFactory,
  );
}
