import type { Prisma } from "@/lib/generated/prisma/client";

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

/** A timestamp as staff read it (UTC, seconds), or a dash. */
export function utc(date: Date | null | undefined): string {
  return date ? `${dateTime.format(date)} UTC` : "—";
}

/** Flat key/value pairs of a JSON object (nested values as compact JSON). */
export function entriesOf(value: Prisma.JsonValue | undefined): [string, string][] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).map(([key, inner]) => [
    key,
    typeof inner === "string" ? inner : JSON.stringify(inner),
  ]);
}
