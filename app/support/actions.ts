"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction, type ActionState } from "@/lib/actions";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  cancelOrder,
  markOrderPlaced,
  reopenForEditing,
  retryOrder,
  SupportActionError,
  type SupportActionResult,
} from "@/lib/orders/support";
import { markPlacedSchema, supportActionSchema } from "@/lib/orders/support-schemas";

const STAFF: Role[] = ["SUPPORT", "ADMIN"];

function refused(error: unknown): ActionState {
  if (error instanceof SupportActionError)
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  throw error;
}

function revalidateOrder(orderId: string): void {
  revalidatePath("/support");
  revalidatePath(`/support/orders/${orderId}`);
}

async function run(work: () => Promise<SupportActionResult>): Promise<ActionState> {
  try {
    const result = await work();
    revalidateOrder(result.orderId);
    return { ok: true, message: result.message };
  } catch (error) {
    return refused(error);
  }
}

export const retryOrderAction = guardedAction({ roles: STAFF, schema: supportActionSchema }, (user, input) =>
  run(() => retryOrder(user, input)),
);

export const markPlacedAction = guardedAction({ roles: STAFF, schema: markPlacedSchema }, (user, input) =>
  run(() => markOrderPlaced(user, input)),
);

export const cancelOrderAction = guardedAction({ roles: STAFF, schema: supportActionSchema }, (user, input) =>
  run(() => cancelOrder(user, input)),
);

/** Reopens the order for editing and takes the agent straight to the order form. */
export const reopenOrderAction = guardedAction(
  { roles: STAFF, schema: supportActionSchema },
  async (user, input): Promise<ActionState> => {
    try {
      await reopenForEditing(user, input);
    } catch (error) {
      return refused(error);
    }
    revalidateOrder(input.orderId);
    redirect(`/orders/${input.orderId}/edit`);
  },
);
