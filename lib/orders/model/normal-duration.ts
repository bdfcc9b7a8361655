import type { Product } from "@/lib/sectigo/products";

// How long Sectigo's validation normally takes, per kind of product: the portal's own figures
// (Sectigo publishes no service levels for eIDAS orders), used to call a placed order "stuck"
// when nothing changed for longer. Tokens add shipping; PSD2 adds the authorisation check.
export function normalValidationDays(
  product: Pick<Product, "person" | "psd2" | "qscd">,
  shipsToken: boolean,
): number {
  if (shipsToken || product.qscd) return 10;
  if (product.psd2) return 7;
  return product.person === "natural" ? 3 : 5;
}

export const SHORTEST_NORMAL_DAYS = 3;
