// Migration-aware driver adapter factories for the wasm schema engine. adapter-pg drops its
// temporary shadow database while its own pool is still connected, so the shadow database is
// created here and dropped WITH (FORCE) after the pool is closed (or at exit, see cleanups).
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { fixAdapter, lazyAdapter } from "./adapter-fixes.mjs";
import { describeUrl, pgConnectionString, quoteIdent, withAdminClient, withDatabase } from "./pg-target.mjs";
import { isPgliteUrl, pgliteAdapterFactory } from "./pglite-adapter.mjs";

function pgAdapterFactory(url, shadowDatabaseUrl, cleanups) {
  const connectTo = async (target) => {
    const { schema } = describeUrl(target);
    // Like the native engine, `?schema=` selects the schema that unqualified names land in.
    const config = {
      connectionString: pgConnectionString(target),
      ...(schema && { options: `-c search_path=${schema}` }),
    };
    const factory = new PrismaPg(config, { schema });
    const adapter = await factory.connect();
    // An empty parameter list keeps pg on the simple query protocol, which runs a whole
    // multi-statement script in one implicit transaction, as the native engine does.
    return fixAdapter(adapter, (script) => adapter.client.query({ text: script }));
  };

  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => lazyAdapter("@prisma/adapter-pg", describeUrl(url).schema, () => connectTo(url)),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) return connectToConfiguredShadow(url, shadowDatabaseUrl, connectTo);
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      const drop = () =>
        withAdminClient(url, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
        );
      await withAdminClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
      cleanups.add(drop);
      const adapter = await connectTo(withDatabase(url, name));
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        cleanups.delete(drop);
        await drop();
      };
      return adapter;
    },
  };
}

async function connectToConfiguredShadow(url, shadowUrl, connectTo) {
  const main = describeUrl(url);
  const shadow = describeUrl(shadowUrl);
  if (main.location === shadow.location && main.database === shadow.database) {
    throw new Error(
      "The shadow database you configured appears to be the same as the main database. Please specify another shadow database.",
    );
  }
  // A configured shadow database is wiped before use, as the native engine does.
  await withAdminClient(shadowUrl, async (client) => {
    if ((await client.query("SELECT current_database() AS db")).rows[0].db !== shadow.database) {
      throw new Error(`Shadow database \`${shadow.database}\` does not exist at \`${shadow.location}\`.`);
    }
    const { rows } = await client.query(
      "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA ${quoteIdent(nspname)} CASCADE`);
    await client.query(`CREATE SCHEMA ${quoteIdent(shadow.schema ?? "public")}`);
  });
  return connectTo(shadowUrl);
}

function missingUrlFactory() {
  const fail = async () => {
    throw new Error(
      "No datasource URL: set DATABASE_URL (see prisma.config.ts) for commands that use a database.",
    );
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => lazyAdapter("@prisma/adapter-pg", undefined, fail),
    connectToShadowDb: fail,
  };
}

/**
 * A bound, migration-aware adapter factory for the `--datasource` of the CLI. `cleanups`
 * collects work to do before the process exits (temporary shadow databases, locks).
 */
export function createAdapterFactory(datasource, cleanups) {
  const url = datasource?.url;
  const factory = !url
    ? missingUrlFactory()
    : isPgliteUrl(url)
      ? pgliteAdapterFactory(url, cleanups)
      : pgAdapterFactory(url, datasource.shadowDatabaseUrl, cleanups);
  const connections = new Set();
  const connect = factory.connect;
  factory.connect = async () => {
    const adapter = await connect();
    connections.add(adapter);
    return adapter;
  };
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  /** Closes the main-database connections handed out so far (one engine's worth). */
  bound.closeConnections = async () => {
    const open = [...connections];
    connections.clear();
    await Promise.all(open.map((adapter) => adapter.dispose().catch(() => undefined)));
  };
  return bound;
}
