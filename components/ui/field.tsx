import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";

interface FrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

/**
 * The label, hint and error around one form control. The control takes its id, aria-invalid,
 * aria-describedby (hint and error) and class from controlProps, so the three stay linked.
 */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  className,
  children,
}: FrameProps & { children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The attributes of the control inside a FieldFrame with the same id, hint and error. */
export function controlProps({ id, hint, error }: Pick<FrameProps, "id" | "hint" | "error">) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
    className: `focus:border-brand-600 mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${
      error ? "border-red-600" : "border-slate-300"
    }`,
  };
}

export interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

/** A labelled input whose hint and error are linked by aria-describedby. */
export const TextField = forwardRef<HTMLInputElement, FieldProps>(function TextField(
  { id, label, hint, error, className, ...props },
  ref,
) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <input ref={ref} {...controlProps({ id, hint, error })} {...props} />
    </FieldFrame>
  );
});
