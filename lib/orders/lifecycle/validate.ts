import "server-only";
import { parseCsr, reusingParse, type ParseResult } from "@/lib/csr/decode";
import { inspectCsr, inspectParsedCsr, type InspectCsrOptions } from "@/lib/csr/inspect";
import { verifyParsedCsrOnServer } from "@/lib/csr/verify-server";
import { fieldErrorsOf, type FieldErrors } from "@/lib/field-errors";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { withoutForbidden } from "@/lib/orders/model/input";
import { spkiSha256 } from "@/lib/orders/lifecycle/compromised-keys";
import { getProduct } from "@/lib/sectigo/products";
import { orderInputSchema, type OrderInput } from "@/lib/sectigo/schema";

/**
 * Validates an order input fully on the server: the shared schema plus the CSR's signature.
 * The CSR is parsed once: the product rules, the schema and the inspection all read that parse.
 */
export async function validateOrderInput(
  raw: DraftInput,
): Promise<{ ok: true; input: OrderInput; csrKey?: string } | { ok: false; fieldErrors: FieldErrors }> {
  const values = raw as Record<string, unknown>;
  const text = typeof values.csr === "string" ? values.csr : undefined;
  const csr: ParseResult | undefined = text === undefined ? undefined : parseCsr(text);
  const check = () =>
    orderInputSchema.safeParse(withoutForbidden(values, csr?.ok ? csr.parsed.csr : undefined));
  const parsed = text !== undefined && csr ? reusingParse(text, csr, check) : check();
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const product = getProduct(input.product);
  const options: InspectCsrOptions = {
    domainNames: product?.qwac ? (input.domainNames as string[] | undefined) : undefined,
    verifySignature: verifyParsedCsrOnServer,
  };
  // The schema's csr is the text parsed above, trimmed; without a parse, inspectCsr says why.
  const { problems } = csr?.ok
    ? await inspectParsedCsr(csr.parsed, options)
    : await inspectCsr(input.csr as string, options);
  if (problems.length) {
    const fieldErrors: FieldErrors = {};
    for (const p of problems)
      (fieldErrors[p.code === "names-not-in-domains" ? "domainNames" : "csr"] ??= []).push(p.message);
    return { ok: false, fieldErrors };
  }
  // The key's hash from the same parse: the claim refuses a key revoked as compromised.
  const csrKey = csr?.ok ? spkiSha256(csr.parsed.request.publicKey.rawData) : undefined;
  return { ok: true, input, csrKey };
}
