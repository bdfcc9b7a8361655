import type { PGlite } from "@electric-sql/pglite";

/** The contract pg-boss accepts in place of its own connection pool (its `db` option). */
export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss over the embedded database's single connection. Statements with parameters are one
 * statement each (PGlite's `query`); scripts without (pg-boss's schema and maintenance, which
 * are `BEGIN … COMMIT` blocks) run through `exec` inside PGlite's own transaction, so a script
 * that fails midway is rolled back while the connection is still held, instead of leaving the
 * connection Prisma shares in an aborted transaction.
 */
export function pgliteBossDb(pglite: PGlite): BossDb {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return pglite.query(text, values);
      return pglite.transaction(async (tx) => (await tx.exec(text)).at(-1) ?? { rows: [] });
    },
  };
}
