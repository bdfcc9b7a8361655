import Link from "next/link";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { roleOptions } from "./roles";

/** A plain GET form: filters live in the URL, so they work without JavaScript and can be shared. */
export function UserFilters({ q, role, status }: { q?: string; role?: string; status?: string }) {
  return (
    <form
      method="get"
      action="/admin/users"
      role="search"
      aria-label="Filter users"
      className="mb-4 grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end"
    >
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
      <div className="flex gap-2">
        <Button type="submit">Filter</Button>
        <Link
          href="/admin/users"
          className="text-brand-700 inline-flex min-h-10 items-center px-2 text-sm underline"
        >
          Clear
        </Link>
      </div>
    </form>
  );
}
