"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction, type ActionState } from "@/lib/actions";
import { env } from "@/lib/env";
import { createDraft, deleteDraft, saveDraft } from "@/lib/orders/commands/drafts";
import {
  deleteDraftSchema,
  previewSchema,
  saveDraftSchema,
  submitOrderSchema,
} from "@/lib/orders/model/draft-input";
import { withoutForbidden } from "@/lib/orders/model/input";
import { submitOrder } from "@/lib/orders/commands/submit";
import { resellerSettings } from "@/lib/sectigo/reseller";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { buildRequestParams } from "@/lib/sectigo/wire";
import { PARAMS } from "@/lib/sectigo/registry";

/** Saves wizard progress at the version the window saw, creating the draft on the first save. */
export const saveDraftAction = guardedAction(
  { schema: saveDraftSchema },
  async (
    user,
    { orderId, version, input, step, test, organizationId },
  ): Promise<ActionState<{ orderId: string; externalOrderNumber: string; version: number }>> => {
    const order = orderId
      ? // The schema requires a version with an order id; -1 matches no order should it not.
        await saveDraft(user, orderId, version ?? -1, input, step, test)
      : await createDraft(user, input, step, test, { organizationId });
    return {
      ok: true,
      data: { orderId: order.id, externalOrderNumber: order.externalOrderNumber, version: order.version },
    };
  },
);

/** Exactly the parameters that would go to Sectigo for this input (credentials left out). */
export const previewRequestAction = guardedAction(
  { schema: previewSchema },
  async (_user, { input, test }): Promise<ActionState<{ params: { name: string; value: string }[] }>> => {
    const parsed = orderInputSchema.safeParse(withoutForbidden(input as Record<string, unknown>));
    if (!parsed.success) {
      return { ok: false, message: "The preview appears once every step is complete.", fieldErrors: {} };
    }
    const params = buildRequestParams(parsed.data, {
      loginName: "",
      loginPassword: "",
      foreignOrderNumber: "(your order number)",
      checkFONIsUnique: true,
      test: test && env().SECTIGO_TEST_MODE_ALLOWED,
      reseller: resellerSettings(),
    });
    const hidden = new Set<string>([PARAMS.loginName.wire, PARAMS.loginPassword.wire]);
    return {
      ok: true,
      data: {
        params: [...params.entries()]
          .filter(([name]) => !hidden.has(name))
          .map(([name, value]) => ({ name, value })),
      },
    };
  },
);

/** Stores the wizard's input at the version the window saw and sends it, in one round trip. */
export const submitOrderAction = guardedAction(
  { schema: submitOrderSchema },
  async (user, request): Promise<ActionState<{ orderId: string }>> => {
    const { orderId } = await submitOrder(user, request);
    revalidatePath("/orders");
    return { ok: true, data: { orderId } };
  },
);

export const deleteDraftAction = guardedAction({ schema: deleteDraftSchema }, async (user, { orderId }) => {
  await deleteDraft(user, orderId);
  revalidatePath("/orders");
  return { ok: true, message: "Draft deleted." };
});

/** Form-post variant for the "Delete" buttons in the orders list (works without JavaScript). */
export async function deleteDraftFormAction(formData: FormData): Promise<void> {
  const result = await deleteDraftAction(undefined, formData);
  if (result.ok) redirect("/orders?deleted=1");
  redirect("/orders");
}
