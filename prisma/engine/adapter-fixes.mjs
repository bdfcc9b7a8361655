// Fixes the wasm schema engine needs on top of @prisma/adapter-pg and pglite-prisma-adapter.
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";

const CHAR_OID = 18;
const TEXT_OID = 25;

// The adapters map result columns by type OID and refuse OID 18, while the engine's catalog
// queries read such columns (e.g. pg_constraint.contype) as single characters. The column is
// passed through the adapter as text and then reported as Character, keyed by the `rows` array
// that queryRaw hands back unchanged.
function supportInternalChar(queryable) {
  const charColumns = new WeakMap();
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const one of Array.isArray(result) ? result : [result]) {
      const indexes = [];
      (one?.fields ?? []).forEach((field, i) => {
        if (field.dataTypeID !== CHAR_OID) return;
        field.dataTypeID = TEXT_OID;
        indexes.push(i);
      });
      if (indexes.length && one.rows) charColumns.set(one.rows, indexes);
    }
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}

/**
 * Patches an adapter for the engine: internal "char" columns, and migration scripts run as ONE
 * simple-protocol query by `runScript` (adapter-pg splits scripts on ";", which breaks plpgsql
 * bodies; pglite-prisma-adapter does not await them).
 */
export function fixAdapter(adapter, runScript) {
  supportInternalChar(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => {
    const tx = await startTransaction(...args);
    supportInternalChar(tx);
    return tx;
  };
  adapter.executeScript = async (script) => {
    try {
      await runScript(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

/**
 * The engine connects as soon as it is created; connecting on the first query instead means an
 * engine that never queries opens no pool (or embedded data directory), and a connection
 * failure surfaces as the failing request's error rather than the engine's construction.
 */
export function lazyAdapter(adapterName, schemaName, connect) {
  let real;
  const get = () => (real ??= connect());
  return {
    provider: "postgres",
    adapterName,
    queryRaw: async (query) => (await get()).queryRaw(query),
    executeRaw: async (query) => (await get()).executeRaw(query),
    executeScript: async (script) => (await get()).executeScript(script),
    startTransaction: async (isolationLevel) => (await get()).startTransaction(isolationLevel),
    getConnectionInfo: () => ({ schemaName, supportsRelationJoins: true }),
    dispose: async () => {
      const opened = real;
      real = undefined;
      if (opened) await (await opened.catch(() => undefined))?.dispose();
    },
  };
}
