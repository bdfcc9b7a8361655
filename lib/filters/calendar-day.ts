import { z } from "zod";

// A day typed into a list's date filter (GET forms, so also any hand-edited address). JavaScript
// dates reach far beyond what PostgreSQL stores: "0000-01-01" is a valid JavaScript date but no
// calendar's (there is no year 0) and PostgreSQL refuses it, and an inclusive end date needs the
// start of the next day, which for 9999-12-31 is a five-digit year PostgreSQL cannot read either.
// Either would turn a typo into a 500; here they are field errors.

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const FIRST_DAY = "0001-01-01";
const LAST_DAY = "9999-12-30";

/** Whether `value` (YYYY-MM-DD) names a day that exists: no 2026-13-45, 2026-02-29 or 0000-00-00. */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  // An impossible month or day parses to NaN (on which toISOString throws a RangeError), a
  // 30 February rolls over into March: the round trip catches both.
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value) && value >= FIRST_DAY;
}

/** A date filter: YYYY-MM-DD, a real calendar day within the range the database stores. */
export const calendarDaySchema = z
  .string()
  .trim()
  .regex(DAY_PATTERN, { message: "Enter a date as YYYY-MM-DD.", abort: true })
  .refine(isCalendarDay, { message: "Enter a real calendar date.", abort: true })
  .refine((v) => v <= LAST_DAY, { message: `Enter a date up to ${LAST_DAY}.`, abort: true });

/**
 * Whether `value` is an instant as `Date#toISOString` writes it (so "2026-02-30T…" and
 * "2026-01-01T24:00:00.000Z", which JavaScript rolls over, are not) in the years PostgreSQL
 * stores. Cursors carry such instants in the address, where anyone can edit them.
 */
export function isStorableInstant(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value && value >= FIRST_DAY;
}
