import { FilterForm } from "@/components/ui/filter-form";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { roleOptions } from "./roles";

/** The user list's filters (a GET form: see FilterForm), the buttons in the fields' row. */
export function UserFilters({ q, role, status }: { q?: string; role?: string; status?: string }) {
  return (
    <FilterForm action="/admin/users" label="Filter users" columns="sm:grid-cols-[2fr_1fr_1fr_auto]" inline>
      <TextField
        id="q"
        name="q"
        type="search"
        label="Search e-mail or name"
        defaultValue={q}
        maxLength={100}
      />
      <SelectField
        id="role"
        name="role"
        label="Role"
        defaultValue={role ?? ""}
        options={[{ value: "", label: "All roles" }, ...roleOptions]}
      />
      <SelectField
        id="status"
        name="status"
        label="Status"
        defaultValue={status ?? ""}
        options={[
          { value: "", label: "Any status" },
          { value: "enabled", label: "Enabled" },
          { value: "disabled", label: "Disabled" },
        ]}
      />
    </FilterForm>
  );
}
