import type { DecodedCsr } from "@/lib/csr";
import { getProduct } from "@/lib/sectigo/products";
import { fieldRules } from "@/lib/sectigo/rules";

// Apart from lib/orders/model/input.ts, which also holds the CSR decoder: the wizard's first load needs
// the rules but loads the decoder only later (app/(portal)/orders/_wizard/use-later-steps.ts).

/** Rules for the current values, or null while no product is chosen. */
export function rulesFor(values: Record<string, unknown>, csr?: DecodedCsr) {
  const product = getProduct(values.product);
  return product ? fieldRules(product, values, csr) : null;
}
