"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardedAction, type ActionState } from "@/lib/actions";
import { wakeStatusChecks } from "@/lib/jobs/runner";
import { requestStatusRefresh } from "@/lib/orders/commands/refresh-status";
import { renewOrder } from "@/lib/orders/commands/renew";
import {
  changeDcvMethod,
  checkDcvNow,
  dcvChangeSchema,
  dcvDomainSchema,
  resendDcvEmail,
} from "@/lib/orders/commands/dcv";
import { cancelOrRevoke } from "@/lib/orders/commands/revoke";
import { revokeInputSchema } from "@/lib/orders/model/revoke-schema";
import { sectigoClientFromEnv } from "@/lib/sectigo/client";
import { withdrawOrder } from "@/lib/orders/commands/approve";
import { withdrawSchema } from "@/lib/orders/approval/schemas";

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

/** Cancel a placed order, or revoke an issued certificate, at Sectigo (once; see commands/revoke.ts). */
export const cancelOrRevokeAction = guardedAction(
  { schema: revokeInputSchema },
  async (user, input): Promise<ActionState> => {
    const result = await cancelOrRevoke(user, input, sectigoClientFromEnv());
    revalidatePath(`/orders/${input.orderId}`);
    return { ok: true, message: result.message };
  },
);

const renewSchema = z.object({
  orderId: z.string().min(1).max(64),
  key: z.enum(["new", "reuse"], { message: "Choose whether to make a new key." }),
});

/** "Renew": a new draft prefilled from this order, then on to the wizard. */
export const renewOrderAction = guardedAction(
  { schema: renewSchema },
  async (user, input): Promise<ActionState> => {
    const draft = await renewOrder(user, input.orderId, { reuseKey: input.key === "reuse" });
    redirect(`/orders/${draft.id}/edit?step=${input.key === "reuse" ? "review" : "csr"}`);
  },
);

/** Switch a domain's validation method at Sectigo. */
export const changeDcvMethodAction = guardedAction(
  { schema: dcvChangeSchema },
  async (user, input): Promise<ActionState> => {
    const { message } = await changeDcvMethod(user, input, sectigoClientFromEnv());
    wakeStatusChecks();
    revalidatePath(`/orders/${input.orderId}`);
    return { ok: true, message };
  },
);

/** Ask Sectigo to send the validation e-mail again. */
export const resendDcvEmailAction = guardedAction(
  { schema: dcvDomainSchema },
  async (user, input): Promise<ActionState> => {
    const { message } = await resendDcvEmail(user, input, sectigoClientFromEnv());
    return { ok: true, message };
  },
);

/** "Check now": is the published DCV file right, before Sectigo looks? */
export const checkDcvAction = guardedAction(
  { schema: dcvDomainSchema },
  async (user, input): Promise<ActionState> => {
    const check = await checkDcvNow(user, input);
    return check.published
      ? { ok: true, message: check.detail }
      : { ok: false, message: check.detail, fieldErrors: {} };
  },
);

/** The requester takes back an order awaiting approval; it becomes their draft again. */
export const withdrawOrderAction = guardedAction(
  { schema: withdrawSchema },
  async (user, input): Promise<ActionState> => {
    await withdrawOrder(user, input);
    revalidatePath(`/orders/${input.orderId}`);
    revalidatePath("/approvals");
    return {
      ok: true,
      message: "Withdrawn. The order is a draft again; it needs a new approval once you submit it.",
    };
  },
);
