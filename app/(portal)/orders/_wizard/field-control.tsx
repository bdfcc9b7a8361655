"use client";

import { useFormContext, type FieldErrors } from "react-hook-form";
import { COUNTRIES } from "@/lib/sectigo/countries";
import { PARAMS, type FieldKey, type ParamDef } from "@/lib/sectigo/registry";
import type { Applicability } from "@/lib/sectigo/registry";
import { FieldFrame } from "@/components/ui/field";
import type { WizardValues } from "./form-values";

const inputClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 ${
    invalid ? "border-red-600" : "border-slate-300"
  }`;

function errorMessage(errors: FieldErrors<WizardValues>, key: FieldKey): string | undefined {
  const entry = errors[key] as { message?: unknown } | undefined;
  return typeof entry?.message === "string" ? entry.message : undefined;
}

/**
 * One order field, rendered from its registry row: label, help, max length, allowed values and
 * input type all come from lib/sectigo, so a correction there changes the form too.
 */
export function FieldControl({
  name,
  rule,
  note,
}: {
  name: FieldKey;
  rule: Applicability;
  note?: React.ReactNode;
}) {
  const { register, formState } = useFormContext<WizardValues>();
  const def: ParamDef = PARAMS[name];
  // Only what the customer decides is ever rendered for a customer (a second net behind FieldKey).
  if (def.source !== "customer") return null;
  const error = errorMessage(formState.errors, name);
  const required = rule === "required";
  const hintId = def.help || note ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  // Integers are held as numbers in the form so the product rules see the same values as the
  // server; the schema still accepts strings from FormData.
  const asKind = (v: unknown) =>
    def.kind === "int" && typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  const common = {
    id: name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    "aria-required": required || undefined,
  } as const;

  if (def.kind === "flag") {
    return (
      <div className="flex items-start gap-3">
        <input type="checkbox" className="mt-1 size-4" {...common} {...register(name)} />
        <div>
          <label htmlFor={name} className="text-sm font-medium text-slate-800">
            {def.label}
          </label>
          {hintId ? (
            <p id={hintId} className="text-xs text-slate-600">
              {def.help} {note}
            </p>
          ) : null}
          {error ? (
            <p id={errorId} className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    );
  }

  let control: React.ReactNode;
  if (def.format === "country") {
    control = (
      <select className={inputClass(Boolean(error))} {...common} {...register(name)}>
        <option value="">Choose a country…</option>
        {COUNTRIES.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code})
          </option>
        ))}
      </select>
    );
  } else if (def.values && def.values.length > 0) {
    control = (
      <select className={inputClass(Boolean(error))} {...common} {...register(name, { setValueAs: asKind })}>
        <option value="">{required ? "Choose…" : "Not specified"}</option>
        {def.values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    );
  } else if (def.kind === "list") {
    control = (
      <textarea
        rows={4}
        className={`${inputClass(Boolean(error))} font-mono`}
        spellCheck={false}
        autoCapitalize="off"
        {...common}
        {...register(name, {
          setValueAs: (v: unknown) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
        })}
      />
    );
  } else {
    const type =
      def.format === "email"
        ? "email"
        : def.format === "date"
          ? "date"
          : def.format === "telephone"
            ? "tel"
            : def.kind === "int"
              ? "number"
              : "text";
    control = (
      <input
        type={type}
        maxLength={def.max}
        inputMode={def.kind === "int" ? "numeric" : undefined}
        autoCapitalize={def.format === "hostname" || def.format?.startsWith("email") ? "off" : undefined}
        className={inputClass(Boolean(error))}
        {...common}
        {...register(name, { setValueAs: asKind })}
      />
    );
  }

  const label = (
    <>
      {def.label}
      {required ? (
        <span className="text-red-700"> (required)</span>
      ) : (
        <span className="text-slate-500"> (optional)</span>
      )}
    </>
  );
  return (
    <FieldFrame
      id={name}
      label={label}
      hint={
        hintId ? (
          <>
            {def.help} {note}
          </>
        ) : undefined
      }
      error={error}
    >
      {control}
    </FieldFrame>
  );
}
