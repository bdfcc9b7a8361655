import { isStorableInstant } from "@/lib/filters/calendar-day";

// Keyset pagination for every list (orders, audit log, users). Offsets get slower and skip or
// repeat rows while new rows arrive; a cursor on the sort key does not. Each list fetches one row
// more than a page in the direction it walks, from the key in the cursor; the functions here turn
// that into the page and its cursors both ways. How the key becomes SQL stays with the list: the
// order lists compare rows in raw SQL to match their indexes (lib/orders/queries/search-sql.ts),
// the audit log and the user list use the Prisma form below on (createdAt desc, id desc).

/** Raw cursors from the query string: `after` walks on in the list's order, `before` walks back. */
export interface PageRequest {
  after?: string | null;
  before?: string | null;
}

export interface Page<T> {
  rows: T[];
  /** Cursor of the next page, or null on the last one. */
  after: string | null;
  /** Cursor of the previous page, or null on the first one. */
  before: string | null;
}

/** Where a page request starts: the key it walks from (null: the first page) and which way. */
export interface PageWalk<K> {
  backward: boolean;
  key: K | null;
}

/** Row ids as cursors carry them (cuid or the seeded ids): anything else is not a cursor. */
export const ROW_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** `before` wins over `after`; a malformed cursor means the first page, never an error. */
export function resolvePage<K>(
  request: PageRequest,
  decode: (cursor: string | null | undefined) => K | null,
): PageWalk<K> {
  const before = decode(request.before);
  if (before) return { backward: true, key: before };
  return { backward: false, key: decode(request.after) };
}

/**
 * The page's rows in the list's order from at most `size + 1` rows fetched in walking order
 * (the extra row tells whether another page follows), and whether rows lie beyond each end.
 */
export function slicePage<T>(walk: PageWalk<unknown>, size: number, fetched: T[]) {
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (walk.backward) rows.reverse();
  return {
    rows,
    hasNext: walk.backward ? true : more,
    hasPrevious: walk.backward ? more : walk.key !== null,
  };
}

/** The page with a cursor from its last row (if a next page exists) and its first (if a previous one does). */
export function withCursors<T>(
  rows: T[],
  ends: { hasNext: boolean; hasPrevious: boolean },
  encode: (row: T) => string,
): Page<T> {
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    after: ends.hasNext && last !== undefined ? encode(last) : null,
    before: ends.hasPrevious && first !== undefined ? encode(first) : null,
  };
}

// The newest-first keyset on (createdAt, id), in Prisma's form, for the audit log and the users.

export interface Keyset {
  createdAt: Date;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(`${key.createdAt.toISOString()}|${key.id}`, "utf8").toString("base64url");
}

/** The key in a cursor, or null for anything malformed (a hand-edited URL shows the first page). */
export function decodeCursor(value: string | null | undefined): Keyset | null {
  if (!value || value.length > 200) return null;
  const decoded = Buffer.from(value, "base64url").toString("utf8");
  const separator = decoded.indexOf("|");
  if (separator < 0) return null;
  const at = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (!isStorableInstant(at) || !ROW_ID_PATTERN.test(id)) return null;
  return { createdAt: new Date(at), id };
}

/** Where-clause, order and row count to fetch for a newest-first page of `size` rows. */
export function keysetQuery(request: PageRequest, size: number) {
  const { backward, key } = resolvePage(request, decodeCursor);
  const sort = backward ? ("asc" as const) : ("desc" as const);
  const beyond = (k: Keyset) =>
    backward
      ? [{ createdAt: { gt: k.createdAt } }, { createdAt: k.createdAt, id: { gt: k.id } }]
      : [{ createdAt: { lt: k.createdAt } }, { createdAt: k.createdAt, id: { lt: k.id } }];
  return {
    where: key ? { OR: beyond(key) } : {},
    orderBy: [{ createdAt: sort }, { id: sort }],
    take: size + 1,
  };
}

/** Turns the rows keysetQuery fetched into a page with cursors both ways. */
export function toPage<T extends Keyset>(request: PageRequest, size: number, fetched: T[]): Page<T> {
  const walk = resolvePage(request, decodeCursor);
  const { rows, ...ends } = slicePage(walk, size, fetched);
  return withCursors(rows, ends, encodeCursor);
}
