"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction, type ActionState } from "@/lib/actions";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/log";
import {
  cancelOrder,
  markOrderPlaced,
  reopenForEditing,
  retryOrder,
  SupportActionError,
  type SupportActionResult,
} from "@/lib/orders/commands/support";
import { markPlacedSchema, supportActionSchema } from "@/lib/orders/model/support-schemas";

const STAFF: Role[] = ["SUPPORT", "ADMIN"];

const UNEXPECTED =
  "The action could not be completed because of an unexpected problem. Reload the order to see its current state before trying again.";

// An agent gets an answer, never an error page: anything unexpected is logged (its kind and
// message only; no request data) and answered with a message that sends them to the order's state.
function refused(error: unknown): ActionState {
  if (error instanceof SupportActionError)
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  logger.error(
    { err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
    "support action failed unexpectedly",
  );
  return { ok: false, message: UNEXPECTED, fieldErrors: {} };
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
