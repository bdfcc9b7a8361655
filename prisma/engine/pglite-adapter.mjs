// `pglite:<dir>` datasources: an embedded (PGlite) data directory, e.g. a stopped portal's.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fixAdapter, lazyAdapter } from "./adapter-fixes.mjs";

const PGLITE_PREFIX = "pglite:";

export function isPgliteUrl(url) {
  return url.startsWith(PGLITE_PREFIX);
}

/** Data directory of a `pglite:<path>` URL, relative paths against the working directory. */
export function pgliteDir(url) {
  return path.resolve(url.slice(PGLITE_PREFIX.length).replace(/^\/\//, ""));
}

/** Migration-aware factory; the shadow database is an in-memory PGlite. */
export function pgliteAdapterFactory(url, cleanups) {
  const modules = () =>
    Promise.all([
      import("@electric-sql/pglite"),
      import("pglite-prisma-adapter"),
      import("proper-lockfile"),
      import("@electric-sql/pglite/contrib/pg_trgm"),
    ]);
  let opened;
  const open = () =>
    (opened ??= (async () => {
      const [{ PGlite }, , { default: lockfile }, { pg_trgm }] = await modules();
      const dir = pgliteDir(url);
      await mkdir(dir, { recursive: true });
      // Same lock file as the app (lib/db/open.ts): PGlite has no cross-process locking, so a
      // data directory in use by a running portal must never be opened here.
      let release;
      try {
        release = await lockfile.lock(dir, {
          lockfilePath: `${dir}.lock`,
          stale: 15_000,
          update: 5_000,
          realpath: false,
        });
      } catch (error) {
        if (error?.code === "ELOCKED") {
          throw new Error(
            `The embedded database in ${dir} is open in another process (a running portal?). Stop it first.`,
          );
        }
        throw error;
      }
      // As lib/db/pglite-extensions.ts for the app: the migrations create pg_trgm indexes.
      const db = new PGlite(dir, { extensions: { pg_trgm } });
      cleanups.add(async () => {
        await db.close().catch(() => undefined);
        await release().catch(() => undefined);
      });
      await db.waitReady;
      return db;
    })());
  const wrap = async (instance) => {
    const [, { PrismaPGlite }] = await modules();
    const adapter = await new PrismaPGlite(instance).connect();
    return fixAdapter(adapter, (script) => instance.exec(script));
  };
  return {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    // Opened on first use only, so commands that never touch the database (diff from a schema)
    // neither need nor lock the data directory.
    connect: async () => lazyAdapter("pglite-prisma-adapter", undefined, async () => wrap(await open())),
    async connectToShadowDb() {
      const [{ PGlite }, , , { pg_trgm }] = await modules();
      const shadow = new PGlite({ extensions: { pg_trgm } });
      await shadow.waitReady;
      const adapter = await wrap(shadow);
      adapter.dispose = () => shadow.close();
      return adapter;
    },
  };
}
