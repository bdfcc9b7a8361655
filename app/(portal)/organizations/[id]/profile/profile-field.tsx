"use client";

import { useFormContext } from "react-hook-form";
import { FieldFrame } from "@/components/ui/field";
import { COUNTRIES } from "@/lib/sectigo/countries";
import { profileParam, type ProfileKey } from "@/lib/organizations/profile-fields";

export type ProfileFormValues = Partial<Record<ProfileKey, string | boolean>>;

const inputClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 disabled:bg-slate-50 ${
    invalid ? "border-red-600" : "border-slate-300"
  }`;

/** One profile field, drawn from its registry row (label, help, length, value list, format). */
export function ProfileField({ name, disabled }: { name: ProfileKey; disabled: boolean }) {
  const { register, formState } = useFormContext<ProfileFormValues>();
  const def = profileParam(name);
  const error = formState.errors[name]?.message;
  const hintId = def.help ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const common = {
    id: name,
    disabled,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
  } as const;

  if (def.kind === "flag") {
    return (
      <div className="flex items-start gap-3">
        <input type="checkbox" className="mt-1 size-4" {...common} {...register(name)} />
        <div>
          <label htmlFor={name} className="text-sm font-medium text-slate-800">
            {def.label}
          </label>
          {error ? (
            <p id={errorId} className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    );
  }
  const options =
    def.format === "country"
      ? COUNTRIES.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))
      : def.values?.map((v) => ({ value: v.value, label: v.label }));
  const control = options ? (
    <select className={inputClass(Boolean(error))} {...common} {...register(name)}>
      <option value="">Not specified</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  ) : (
    <input
      type={def.format === "date" ? "date" : "text"}
      maxLength={def.max}
      className={inputClass(Boolean(error))}
      {...common}
      {...register(name)}
    />
  );
  return (
    <FieldFrame id={name} label={def.label} hint={def.help} error={error}>
      {control}
    </FieldFrame>
  );
}
