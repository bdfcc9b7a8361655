import "server-only";
import { db } from "@/lib/db";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { createDraft } from "@/lib/orders/commands/drafts";
import { ordersUserCan } from "@/lib/orders/queries/access";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { getProduct } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";

// "Renew": a new draft prefilled from an issued (or revoked, or expired) order, linked to it. A
// new CSR is asked for unless the customer explicitly keeps the key; the page says why a new key
// is better (a key reused for years is a key exposed for years; a compromised key stays valid).

const RENEWABLE = ["ISSUED", "REVOKED"] as const;

export async function renewOrder(
  user: SessionUser,
  orderId: string,
  options: { reuseKey: boolean },
): Promise<{ id: string }> {
  const prisma = await db();
  const order = await prisma.order.findFirst({
    // Any requester of the organization renews its certificates, not only whoever ordered them.
    where: ordersUserCan(user, "request", { id: orderId }),
    select: { id: true, status: true, input: true, test: true, productCode: true, organizationId: true },
  });
  if (!order) throw new Refusal("not_found", "This order does not exist or is not yours.");
  if (!(RENEWABLE as readonly string[]).includes(order.status))
    throw new Refusal("not_allowed", "Only an issued certificate can be renewed.");
  const stored = (order.input ?? {}) as Record<string, unknown>;
  if (options.reuseKey) {
    // Never offered for these: a revoked certificate's key, and a token's key (Sectigo's, on the token).
    const product = getProduct(order.productCode);
    if (order.status === "REVOKED")
      throw new Refusal("not_allowed", "A revoked certificate's key is not reused: make a new key and CSR.");
    if (product && productShipsToken(product, stored))
      throw new Refusal("not_allowed", "Sectigo makes the key on the new token: there is no key to reuse.");
  }
  const { csr, ...rest } = stored;
  const input = (options.reuseKey ? { ...rest, csr } : rest) as DraftInput;
  const draft = await createDraft(user, input, options.reuseKey ? "review" : "csr", order.test, {
    renewalOfId: order.id,
    organizationId: order.organizationId,
  });
  return { id: draft.id };
}
