// LIKE patterns for every list's search. Prisma's `contains` and a raw `LIKE`/`ILIKE` both pass
// wildcards through: without escaping, a search for "%" or "_" would match everything rather
// than the character itself. PostgreSQL's default LIKE escape character is the backslash.

/** `value` with LIKE's wildcards and escape character taken literally (for Prisma's `contains`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally (for raw SQL). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
