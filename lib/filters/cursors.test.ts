import { describe, expect, it } from "vitest";
import { decodeCursor as decodeAuditCursor, encodeCursor as encodeAuditCursor } from "@/lib/db/keyset";
import { decodeCursor as decodeOrderCursor } from "@/lib/orders/queries/search-sql";

// A cursor is part of the address: hand-edited, it must mean "the first page", never a timestamp
// PostgreSQL refuses (which would answer 500). JavaScript accepts all of these as dates.
const UNSTORABLE = [
  "0000-01-01T00:00:00.000Z",
  "2026-02-30T00:00:00.000Z",
  "2026-01-01T24:00:00.000Z",
  "-000001-01-01T00:00:00.000Z",
  "+010000-01-01T00:00:00.000Z",
];

const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("cursors with timestamps the database cannot store", () => {
  it.each(UNSTORABLE)("audit and user lists: %s shows the first page", (at) => {
    expect(decodeAuditCursor(base64url(`${at}|abc123`))).toBeNull();
    expect(decodeAuditCursor(base64url(`Jan 1 0000|abc123`))).toBeNull();
  });

  it.each(UNSTORABLE)("order lists: %s shows the first page", (at) => {
    expect(decodeOrderCursor("created", base64url(JSON.stringify(["created", at, "abc123"])))).toBeNull();
  });

  it("a cursor the list made itself still decodes", () => {
    const key = { createdAt: new Date("2026-03-04T05:06:07.089Z"), id: "abc123" };
    expect(decodeAuditCursor(encodeAuditCursor(key))).toEqual(key);
    const order = decodeOrderCursor(
      "created",
      base64url(JSON.stringify(["created", key.createdAt.toISOString(), "abc123"])),
    );
    expect(order).toHaveLength(2);
  });
});
