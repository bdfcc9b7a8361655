import { ORG_ROLES, ROLE_WORDS } from "@/lib/organizations/schemas";

/** One checkbox per role, in a fieldset with its legend; `idPrefix` keeps ids unique on the page. */
export function RoleCheckboxes({
  idPrefix,
  checked,
  legend = "Roles",
}: {
  idPrefix: string;
  checked: readonly string[];
  legend?: string;
}) {
  return (
    <fieldset className="mt-2">
      <legend className="text-sm font-semibold">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {ORG_ROLES.map((role) => (
          <label key={role} htmlFor={`${idPrefix}-${role}`} className="flex items-center gap-1.5 text-sm">
            <input
              id={`${idPrefix}-${role}`}
              type="checkbox"
              name="roles"
              value={role}
              defaultChecked={checked.includes(role)}
            />
            <span>
              {ROLE_WORDS[role].label} <span className="text-slate-600">({ROLE_WORDS[role].hint})</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
