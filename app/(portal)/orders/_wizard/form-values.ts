import { isFieldKey } from "@/lib/sectigo/registry";
import type { OrderFormValues } from "@/lib/sectigo/schema";

/**
 * The wizard's answers: the order schema's own input type, every field (the product too) still
 * possibly missing while the customer fills the steps in.
 */
export type WizardValues = Partial<OrderFormValues>;

/** A stored draft's answers as the form takes them: only the order's fields, nothing else. */
export function wizardValuesOf(stored: unknown): WizardValues {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(Object.entries(stored).filter(([key]) => isFieldKey(key)));
}
