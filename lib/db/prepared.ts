import { createHash } from "node:crypto";

// Statements the order lifecycle runs for every order (the submission's read, the claim, the
// outcome) end with this comment: the pg driver then prepares each of them once per connection
// under a name of its own and only binds and executes it afterwards, sparing PostgreSQL the parse
// and plan of every call. Only these few texts are named (each a handful of variants at most):
// the rest (Prisma's own queries, searches whose plans depend on their values) stays unnamed, so
// no connection collects an unbounded set of prepared statements.
export const PREPARED_MARK = "/* portal:prepared */";

const names = new Map<string, string>();

/** The prepared statement's name for a marked statement's text (the same text, the same name). */
export function preparedStatementName(sql: string): string | undefined {
  if (!sql.trimEnd().endsWith(PREPARED_MARK)) return undefined;
  let name = names.get(sql);
  if (!name) {
    name = `portal_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}
