import pg from "pg";

// Wall time and count of the database queries this process makes, measured where the Prisma
// adapter hands them to the pg driver. Installed only for the profiling pass, never while the
// benchmark figures are taken.

export interface Statement {
  /** Shortened, on one line. */
  sql: string;
  /** In full, with its parameters, to EXPLAIN it. */
  text: string;
  values: unknown[];
  ms: number;
}

export interface QueryTimer {
  reset(): void;
  /** The statements since the last reset, shortened, with their wall time. */
  readonly statements: Statement[];
  readonly count: number;
  readonly ms: number;
  uninstall(): void;
}

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;

export function installQueryTimer(): QueryTimer {
  let count = 0;
  let ms = 0;
  let statements: Statement[] = [];
  const patched: { proto: { query: QueryFn }; original: QueryFn }[] = [];
  // Pool.query without a callback returns a promise and calls Client.query with a callback, so
  // counting only the calls that return a promise counts each query once.
  for (const proto of [pg.Pool.prototype, pg.Client.prototype] as unknown as { query: QueryFn }[]) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const started = performance.now();
      const result = original.apply(this, args);
      if (result instanceof Promise) {
        count += 1;
        const query = args[0] as string | { text?: string; values?: unknown[] };
        const text = typeof query === "string" ? query : String(query?.text ?? "");
        const values = (typeof query === "string" ? args[1] : query?.values) ?? [];
        const entry = { sql: shorten(text), text, values: values as unknown[], ms: 0 };
        statements.push(entry);
        const done = () => {
          entry.ms = performance.now() - started;
          ms += entry.ms;
        };
        result.then(done, done);
      }
      return result;
    };
    patched.push({ proto, original });
  }
  return {
    reset() {
      count = 0;
      ms = 0;
      statements = [];
    },
    get statements() {
      return statements;
    },
    get count() {
      return count;
    },
    get ms() {
      return ms;
    },
    uninstall() {
      for (const { proto, original } of patched) proto.query = original;
    },
  };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 110 ? `${flat.slice(0, 110)}…` : flat;
}
