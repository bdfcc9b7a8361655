import { forwardRef, type ReactNode, type SelectHTMLAttributes } from "react";
import { controlProps, FieldFrame } from "@/components/ui/field";

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  id: string;
  label: ReactNode;
  options: readonly { value: string; label: string }[];
  hint?: ReactNode;
  error?: string;
}

/** A labelled select whose hint and error are linked by aria-describedby (as TextField). */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { id, label, options, hint, error, className, ...props },
  ref,
) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <select ref={ref} {...controlProps({ id, hint, error })} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
});
