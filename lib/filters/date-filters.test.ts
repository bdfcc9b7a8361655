import { describe, expect, it } from "vitest";
import { auditFiltersSchema } from "@/lib/audit/filters";
import { adminOrderFiltersSchema, parseFilters } from "@/lib/orders/model/search-params";

// Every list that filters by date parses its days through these schemas; an impossible day must
// come back as a field error on that filter, never as a thrown RangeError (a 500 on the page).
const IMPOSSIBLE = ["2026-13-45", "2026-99-99", "0000-00-00", "2026-02-29", "2026-04-31", "0000-01-01"];

describe.each([
  ["admin orders (and the export)", adminOrderFiltersSchema],
  ["audit log", auditFiltersSchema],
])("date filters of the %s", (_, schema) => {
  it.each(IMPOSSIBLE)("%s is a field error on that filter, the others still apply", (day) => {
    for (const key of ["from", "to"] as const) {
      const other = key === "from" ? "to" : "from";
      const { filters, errors } = parseFilters(schema, { [key]: day, [other]: "2026-01-15" });
      expect(errors).toEqual({ [key]: "Enter a real calendar date." });
      expect(filters).toMatchObject({ [other]: "2026-01-15" });
      expect(filters).not.toHaveProperty(key);
    }
  });

  it("a day whose next day the database cannot store is refused, the last one it can is kept", () => {
    expect(parseFilters(schema, { to: "9999-12-31" }).errors).toEqual({
      to: "Enter a date up to 9999-12-30.",
    });
    expect(parseFilters(schema, { to: "9999-12-30" }).errors).toEqual({});
  });

  it("real days, leap days included, are kept as typed", () => {
    const { filters, errors } = parseFilters(schema, { from: "2024-02-29", to: " 2026-12-31 " });
    expect(errors).toEqual({});
    expect(filters).toMatchObject({ from: "2024-02-29", to: "2026-12-31" });
  });

  it("a malformed day says which format is expected", () => {
    expect(parseFilters(schema, { from: "15.01.2026" }).errors).toEqual({
      from: "Enter a date as YYYY-MM-DD.",
    });
  });
});
