"use server";

import { z } from "zod";
import { guardedAction, type ActionState } from "@/lib/actions";
import { draftInputSchema, orderIdSchema } from "@/lib/orders/model/draft-input";
import { reviewQuote } from "@/lib/prices/wizard";
import type { Quote } from "@/lib/prices/quote";

// `forOrder`, not `orderId`: the browser tests tell the wizard's save and submit calls apart by
// their arguments, and this read-only call is neither.
const quoteSchema = z.object({ forOrder: orderIdSchema.min(1).optional(), input: draftInputSchema });

/** The price of the order as it stands: net, VAT of the customer's country and total. */
export const quoteAction = guardedAction(
  { schema: quoteSchema },
  async (user, { forOrder, input }): Promise<ActionState<{ quote: Quote | null; key: string }>> => ({
    ok: true,
    data: await reviewQuote(user, forOrder, input),
  }),
);
