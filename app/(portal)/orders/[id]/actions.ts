"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction, type ActionState } from "@/lib/actions";
import { wakeStatusChecks } from "@/lib/jobs/runner";
import { requestStatusRefresh } from "@/lib/orders/commands/refresh-status";

const orderIdSchema = z.object({ orderId: z.string().min(1).max(64) });

/** "Refresh now" on an order page (customer, support, admin): ask Sectigo about the order now. */
export const refreshStatusAction = guardedAction(
  { schema: orderIdSchema },
  async (user, { orderId }): Promise<ActionState> => {
    await requestStatusRefresh(user, orderId);
    wakeStatusChecks();
    revalidatePath(`/orders/${orderId}`);
    return { ok: true, message: "Sectigo is being asked now; this page shows the answer in a few seconds." };
  },
);
