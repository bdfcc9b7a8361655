"use server";

import { z } from "zod";
import { guardedAction, type ActionState } from "@/lib/actions";
import { draftInputSchema, orderIdSchema } from "@/lib/orders/model/draft-input";
import { reviewQuote } from "@/lib/prices/wizard";
import type { Quote } from "@/lib/prices/quote";

const quoteSchema = z.object({ orderId: orderIdSchema.min(1).optional(), input: draftInputSchema });

/** The price of the order as it stands: net, VAT of the customer's country and total. */
export const quoteAction = guardedAction(
  { schema: quoteSchema },
  async (user, { orderId, input }): Promise<ActionState<{ quote: Quote | null; key: string }>> => ({
    ok: true,
    data: await reviewQuote(user, orderId, input),
  }),
);
