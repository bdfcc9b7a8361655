"use server";

import type { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction, type ActionState } from "@/lib/actions";
import { STAFF } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/users/data";
import { cancelOrder } from "@/lib/orders/commands/cancel";
import { markOrderPlaced } from "@/lib/orders/commands/reconcile";
import { reopenForEditing } from "@/lib/orders/commands/reopen";
import { retryOrder } from "@/lib/orders/commands/retry";
import type { SupportActionResult } from "@/lib/orders/commands/support-shared";
import { markPlacedSchema, supportActionSchema } from "@/lib/orders/model/support-schemas";
import { recordRefund } from "@/lib/orders/commands/record-refund";
import { recordRefundSchema } from "@/lib/orders/model/refund";

// An agent gets an answer, never an error page: a refusal is answered by guardedAction, anything
// unexpected is logged (its kind and message only) and answered with this.
const UNEXPECTED =
  "The action could not be completed because of an unexpected problem. Reload the order to see its current state before trying again.";

function revalidateOrder(orderId: string): void {
  revalidatePath("/support");
  revalidatePath(`/support/orders/${orderId}`);
}

/** A support action: staff only, the agent answered in words, the queue and order page refreshed. */
function supportAction<S extends z.ZodType>(
  schema: S,
  command: (user: SessionUser, input: z.output<S>) => Promise<SupportActionResult>,
) {
  return guardedAction(
    { roles: STAFF, schema, unexpected: UNEXPECTED },
    async (user, input): Promise<ActionState> => {
      const result = await command(user, input);
      revalidateOrder(result.orderId);
      return { ok: true, message: result.message };
    },
  );
}

export const retryOrderAction = supportAction(supportActionSchema, retryOrder);
export const markPlacedAction = supportAction(markPlacedSchema, markOrderPlaced);
export const cancelOrderAction = supportAction(supportActionSchema, cancelOrder);
export const recordRefundAction = supportAction(recordRefundSchema, recordRefund);

/** Reopens the order for editing and takes the agent straight to the order form. */
export const reopenOrderAction = guardedAction(
  { roles: STAFF, schema: supportActionSchema, unexpected: UNEXPECTED },
  async (user, input): Promise<ActionState> => {
    await reopenForEditing(user, input);
    revalidateOrder(input.orderId);
    redirect(`/orders/${input.orderId}/edit`);
  },
);
