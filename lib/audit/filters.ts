import { z } from "zod";
import { calendarDaySchema } from "@/lib/filters/calendar-day";

// The audit page's filters arrive as query-string values; this schema is the one definition of
// what a valid filter is, used by the page and by listAuditEvents alike.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const auditFiltersSchema = z
  .object({
    action: optional(
      z
        .string()
        .trim()
        .max(100)
        .regex(/^[a-z0-9_.]+$/, "Choose an action from the list."),
    ),
    actor: optional(z.string().trim().max(254, "An e-mail address has at most 254 characters.")),
    order: optional(
      z
        .string()
        .trim()
        .max(40, "An order number has at most 40 characters.")
        .transform((v) => v.toUpperCase()),
    ),
    request: optional(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9._:-]{8,64}$/, "A request id is 8 to 64 letters, digits, dots, dashes or colons."),
    ),
    from: optional(calendarDaySchema),
    to: optional(calendarDaySchema),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "The end date is before the start date.",
  });

export type AuditFilters = z.output<typeof auditFiltersSchema> & {
  /** Events about one user (the user detail page); not a query-string filter. */
  targetUserId?: string;
};

/** Start of `day` (UTC) and start of the day after it, for an inclusive date range. */
export function utcDayBounds(day: string): { start: Date; next: Date } {
  const start = new Date(`${day}T00:00:00Z`);
  return { start, next: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}
