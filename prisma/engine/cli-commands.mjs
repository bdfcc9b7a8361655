// The one-shot `schema-engine --datasource JSON cli <command>` subcommands. The prisma CLI
// ignores the first stderr line and parses every further line as a JSON log record; a failure
// is an ERROR record from target `schema_engine::logger` carrying `error_code` and `message`.
import { mkdir } from "node:fs/promises";
import pg from "pg";
import { isPgliteUrl, pgliteDir } from "./pglite-adapter.mjs";
import {
  describeUrl,
  pgConnectionString,
  quoteIdent,
  toPrismaError,
  withAdminClient,
  withDatabase,
} from "./pg-target.mjs";

function logLine(level, fields) {
  return JSON.stringify({
    timestamp: new Date().toISOString(),
    level,
    fields,
    target: "schema_engine::logger",
  });
}

async function canConnect(url) {
  if (isPgliteUrl(url)) return; // PGlite creates its data directory on first open.
  const client = new pg.Client({ connectionString: pgConnectionString(url) });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabase(url) {
  if (isPgliteUrl(url)) {
    await mkdir(pgliteDir(url), { recursive: true });
    return;
  }
  const { database } = describeUrl(url);
  await withAdminClient(withDatabase(url, "postgres"), (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(database)}`),
  );
}

/** Creates the datasource's database (also used by the `createDatabase` RPC method). */
export async function createDatabaseFor(url) {
  await createDatabase(url);
  return isPgliteUrl(url) ? pgliteDir(url) : describeUrl(url).database;
}

/** Runs one `cli` subcommand and returns the process exit code. */
export async function runCliCommand(command, datasource) {
  process.stderr.write(`${logLine("INFO", { message: `Starting schema engine CLI: ${command}` })}\n`);
  const url = datasource?.url;
  try {
    if (!url) throw new Error("Connection url is empty. See https://pris.ly/d/config-url");
    if (command === "can-connect-to-database") await canConnect(url);
    else if (command === "create-database") await createDatabase(url);
    else throw new Error(`Unknown CLI command: ${command}`);
    return 0;
  } catch (error) {
    const { code, message } = url ? toPrismaError(error, url) : { code: undefined, message: error.message };
    process.stderr.write(logLine("ERROR", { message, ...(code ? { error_code: code } : {}) }));
    return 1;
  }
}
