"use client";

import type { UseFormRegisterReturn } from "react-hook-form";

/** The reason a support action needs (kept in the audit log), linked to its hint and error. */
export function ReasonField({
  id,
  hint,
  error,
  describedBy,
  field,
}: {
  id: string;
  hint: string;
  error?: string;
  /** Another element the field refers to, e.g. the action's explanation. */
  describedBy?: string;
  field: UseFormRegisterReturn;
}) {
  return (
    <div>
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
        Reason
      </label>
      <p id={`${id}-reason-hint`} className="mt-0.5 text-xs text-slate-600">
        {hint}
      </p>
      <textarea
        id={`${id}-reason`}
        rows={2}
        required
        maxLength={1000}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-reason-hint`, error ? `${id}-reason-error` : null, describedBy]
          .filter(Boolean)
          .join(" ")}
        className={`focus:border-brand-600 mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${
          error ? "border-red-600" : "border-slate-300"
        }`}
        {...field}
      />
      {error ? (
        <p id={`${id}-reason-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
