import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
import { quoteForOrder } from "./lookup";
import { quoteColumns, quoteKey } from "./quote";

export const PRICE_CHANGED_MESSAGE =
  "The price changed since you reviewed this order. Please review the new price; nothing was sent.";

/** The order's quote columns as the claim stores them (lib/orders/lifecycle/store.ts). */
export type QuoteColumns = ReturnType<typeof quoteColumns>;

/**
 * At submission: recomputes the quote with the function the review step showed (one statement),
 * and refuses when it differs from the one the customer saw (`shownKey`, posted back by the
 * review). Returns the columns the claim stores with the input it sends, so the quote is written
 * only with the send, in the same statement. A submission without a shown quote (a caller that
 * displayed none) stores the current one.
 */
export async function confirmQuote(
  prisma: PrismaClient,
  order: { id: string },
  input: Record<string, unknown>,
  shownKey: string | undefined,
): Promise<QuoteColumns> {
  const quote = await quoteForOrder(prisma, order.id, input);
  if (shownKey !== undefined && shownKey !== quoteKey(quote)) {
    throw new Refusal("conflict", PRICE_CHANGED_MESSAGE, { quote: [PRICE_CHANGED_MESSAGE] });
  }
  return quoteColumns(quote, new Date());
}
