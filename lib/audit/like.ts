/**
 * Escapes LIKE wildcards for Prisma's `contains`, which passes them through: without this a
 * search for "%" or "_" would match everything rather than the character itself.
 */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
