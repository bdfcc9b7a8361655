import { getProduct } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";
import type { WizardValues } from "./form-values";

/**
 * Whether a key generated for this order must be saved before the CSR step is left. Not for a
 * token: Sectigo makes the certificate's key on the QSCD token, the CSR only names the subject.
 * Its own module: the wizard's first load needs it, and must not pull in the CSR decoder.
 */
export function keyMustBeKept(values: WizardValues): boolean {
  const product = getProduct(values.product);
  return !product || !productShipsToken(product, values as Record<string, unknown>);
}
