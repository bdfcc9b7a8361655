import { FilterForm } from "@/components/ui/filter-form";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";

export type AuditFilterValues = Partial<
  Record<"action" | "actor" | "order" | "request" | "from" | "to", string>
>;

/** The audit log's filters (a GET form: see FilterForm). */
export function AuditFilters({
  values,
  actions,
  errors,
}: {
  values: AuditFilterValues;
  actions: string[];
  errors: Record<string, string | undefined>;
}) {
  return (
    <FilterForm
      action="/admin/audit"
      label="Filter the audit log"
      errors={errors}
      columns="sm:grid-cols-2 lg:grid-cols-5"
    >
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
        id="request"
        name="request"
        type="search"
        label="Request id"
        hint="As the customer quotes it from an error page"
        defaultValue={values.request}
        maxLength={64}
        error={errors.request}
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
    </FilterForm>
  );
}
