import "server-only";
import { inspectCsr } from "@/lib/csr";
import { fieldErrorsOf, type FieldErrors } from "@/lib/field-errors";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { withoutForbidden } from "@/lib/orders/model/input";
import { getProduct } from "@/lib/sectigo/products";
import { orderInputSchema, type OrderInput } from "@/lib/sectigo/schema";

/** Validates an order input fully on the server: the shared schema plus the CSR's signature. */
export async function validateOrderInput(
  raw: DraftInput,
): Promise<{ ok: true; input: OrderInput } | { ok: false; fieldErrors: FieldErrors }> {
  const parsed = orderInputSchema.safeParse(withoutForbidden(raw as Record<string, unknown>));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const product = getProduct(input.product);
  const { problems } = await inspectCsr(input.csr as string, {
    domainNames: product?.qwac ? (input.domainNames as string[] | undefined) : undefined,
  });
  if (problems.length) {
    const fieldErrors: FieldErrors = {};
    for (const p of problems)
      (fieldErrors[p.code === "names-not-in-domains" ? "domainNames" : "csr"] ??= []).push(p.message);
    return { ok: false, fieldErrors };
  }
  return { ok: true, input };
}
