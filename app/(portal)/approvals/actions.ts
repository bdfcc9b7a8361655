"use server";

import { revalidatePath } from "next/cache";
import { guardedAction, type ActionState } from "@/lib/actions";
import { approveOrder, rejectOrder } from "@/lib/orders/commands/approve";
import { approveSchema, rejectSchema } from "@/lib/orders/approval/schemas";
import { STATUS_LABELS } from "@/lib/orders/model/status";

/** An approver approves: the order is sent to Sectigo (once, whoever else clicks). */
export const approveOrderAction = guardedAction(
  { schema: approveSchema },
  async (user, input): Promise<ActionState<{ orderId: string }>> => {
    const sent = await approveOrder(user, input);
    revalidatePath("/approvals");
    // This page too: it then shows the decision instead of a stale "Awaiting approval".
    revalidatePath(`/approvals/${input.orderId}`);
    revalidatePath(`/orders/${input.orderId}`);
    return {
      ok: true,
      message: `Approved and sent to Sectigo. Status: ${STATUS_LABELS[sent.status].label}.`,
      data: { orderId: sent.orderId },
    };
  },
);

/** An approver rejects with a reason: the order goes back to its requester. */
export const rejectOrderAction = guardedAction(
  { schema: rejectSchema },
  async (user, input): Promise<ActionState<{ orderId: string }>> => {
    await rejectOrder(user, input);
    revalidatePath("/approvals");
    // This page too: it then shows the decision instead of a stale "Awaiting approval".
    revalidatePath(`/approvals/${input.orderId}`);
    revalidatePath(`/orders/${input.orderId}`);
    return {
      ok: true,
      message: "Rejected. The requester was told why; nothing was sent to Sectigo.",
      data: { orderId: input.orderId },
    };
  },
);
