import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
import { quoteFor } from "./lookup";
import { quoteColumns, quoteKey } from "./quote";

export const PRICE_CHANGED_MESSAGE =
  "The price changed since you reviewed this order. Please review the new price; nothing was sent.";

/**
 * At submission: recomputes the quote with the same function the review step showed, refuses when
 * it differs from the one the customer saw (`shownKey`, posted back by the review step), and stores
 * it on the order at the version being submitted. A submission without a shown quote (a caller
 * that displayed none) stores the current one. Written before the claim: if the claim then loses,
 * the order is still editable and its stored quote is simply the last one confirmed.
 */
export async function confirmQuote(
  prisma: PrismaClient,
  order: { id: string; version: number },
  input: Record<string, unknown>,
  shownKey: string | undefined,
): Promise<void> {
  const owner = await prisma.order.findUniqueOrThrow({
    where: { id: order.id },
    select: { organizationId: true },
  });
  const quote = await quoteFor(prisma, owner.organizationId, input);
  if (shownKey !== undefined && shownKey !== quoteKey(quote)) {
    throw new Refusal("conflict", PRICE_CHANGED_MESSAGE, { quote: [PRICE_CHANGED_MESSAGE] });
  }
  await prisma.order.updateMany({
    where: { id: order.id, version: order.version },
    data: quoteColumns(quote, new Date()),
  });
}
