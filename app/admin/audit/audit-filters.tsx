import Link from "next/link";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type SummaryItem } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";

export type AuditFilterValues = Partial<Record<"action" | "actor" | "order" | "from" | "to", string>>;

/** A plain GET form: filters live in the URL, so they work without JavaScript and can be shared. */
export function AuditFilters({
  values,
  actions,
  errors,
}: {
  values: AuditFilterValues;
  actions: string[];
  errors: Record<string, string | undefined>;
}) {
  const items: SummaryItem[] = Object.entries(errors).flatMap(([field, message]) =>
    message ? [{ field, message }] : [],
  );
  return (
    <form
      method="get"
      action="/admin/audit"
      role="search"
      aria-label="Filter the audit log"
      className="mb-4 space-y-3"
    >
      <ErrorSummary items={items} message={items.length ? "Some filters were not applied:" : undefined} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <SelectField
          id="action"
          name="action"
          label="Action"
          defaultValue={values.action ?? ""}
          error={errors.action}
          options={[{ value: "", label: "All actions" }, ...actions.map((a) => ({ value: a, label: a }))]}
        />
        <TextField
          id="actor"
          name="actor"
          type="search"
          label="Actor e-mail"
          hint="Part of the address is enough."
          defaultValue={values.actor}
          maxLength={254}
          error={errors.actor}
        />
        <TextField
          id="order"
          name="order"
          type="search"
          label="Order number"
          hint="e.g. EQ-7K4M-9P2X"
          defaultValue={values.order}
          maxLength={40}
          error={errors.order}
        />
        <TextField
          id="from"
          name="from"
          type="date"
          label="From (UTC)"
          defaultValue={values.from}
          error={errors.from}
        />
        <TextField
          id="to"
          name="to"
          type="date"
          label="To (UTC, inclusive)"
          defaultValue={values.to}
          error={errors.to}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit">Filter</Button>
        <Link
          href="/admin/audit"
          className="text-brand-700 inline-flex min-h-10 items-center px-2 text-sm underline"
        >
          Clear
        </Link>
      </div>
    </form>
  );
}
