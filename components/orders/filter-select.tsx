import type { SelectHTMLAttributes } from "react";

export interface FilterSelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  id: string;
  label: string;
  options: readonly { value: string; label: string }[];
  error?: string;
}

/** A labelled select for the order filter forms; its error is linked by aria-describedby. */
export function FilterSelect({ id, label, options, error, className, ...props }: FilterSelectProps) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        className={`focus:border-brand-600 mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${
          error ? "border-red-600" : "border-slate-300"
        }`}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
