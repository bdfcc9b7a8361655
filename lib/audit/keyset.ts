import { isStorableInstant } from "@/lib/filters/calendar-day";

// Keyset pagination on (createdAt desc, id desc), shared by the audit log and the user list.
// Offsets get slower and skip or repeat rows while new rows arrive; a cursor on the sort key does not.

export interface Keyset {
  createdAt: Date;
  id: string;
}

/** Raw cursors from the query string: `after` pages forward (older), `before` backward (newer). */
export interface PageRequest {
  after?: string | null;
  before?: string | null;
}

export interface Page<T> {
  rows: T[];
  /** Cursor for the next (older) page, or null on the last page. */
  after: string | null;
  /** Cursor for the previous (newer) page, or null on the first page. */
  before: string | null;
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
  if (!isStorableInstant(at) || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  return { createdAt: new Date(at), id };
}

interface Resolved {
  direction: "after" | "before";
  key: Keyset | null;
}

function resolve(request: PageRequest): Resolved {
  const before = decodeCursor(request.before);
  if (before) return { direction: "before", key: before };
  return { direction: "after", key: decodeCursor(request.after) };
}

/** Where-clause, order and row count to fetch for a page of `size` rows. */
export function keysetQuery(request: PageRequest, size: number) {
  const { direction, key } = resolve(request);
  const sort = direction === "after" ? ("desc" as const) : ("asc" as const);
  const beyond = (k: Keyset) =>
    direction === "after"
      ? [{ createdAt: { lt: k.createdAt } }, { createdAt: k.createdAt, id: { lt: k.id } }]
      : [{ createdAt: { gt: k.createdAt } }, { createdAt: k.createdAt, id: { gt: k.id } }];
  return {
    where: key ? { OR: beyond(key) } : {},
    orderBy: [{ createdAt: sort }, { id: sort }],
    // One extra row tells whether another page follows.
    take: size + 1,
  };
}

/** Turns the fetched rows (size + 1 at most) into a page with cursors both ways. */
export function toPage<T extends Keyset>(request: PageRequest, size: number, fetched: T[]): Page<T> {
  const { direction, key } = resolve(request);
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (direction === "before") rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  const hasNewer = direction === "before" ? more : key !== null;
  const hasOlder = direction === "before" ? true : more;
  return {
    rows,
    after: hasOlder && last ? encodeCursor(last) : null,
    before: hasNewer && first ? encodeCursor(first) : null,
  };
}
