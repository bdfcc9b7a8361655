import type { FieldErrors as RhfErrors, FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { SummaryItem } from "@/components/ui/error-summary";

/** Puts server-side field errors back into react-hook-form, focusing the first. */
export function applyServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fieldErrors: Record<string, string[]>,
): void {
  let first = true;
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (field === "_form" || !messages[0]) continue;
    setError(field as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: first });
    first = false;
  }
}

/** Flattens react-hook-form's error tree into summary items (field id → message). */
export function summaryItems(errors: RhfErrors, prefix = ""): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    if (typeof value.message === "string" && value.message) items.push({ field, message: value.message });
    else if (typeof value === "object") items.push(...summaryItems(value as RhfErrors, field));
  }
  return items;
}
