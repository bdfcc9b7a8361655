"use server";

import { revalidatePath } from "next/cache";
import { guardedAction, type ActionState } from "@/lib/actions";
import { approvalSettingsSchema } from "@/lib/orders/approval/schemas";
import { updateApprovalSettings } from "@/lib/organizations/approval-settings";

/** An owner changes whether orders need approval and whether requesters may approve their own. */
export const updateApprovalSettingsAction = guardedAction(
  { schema: approvalSettingsSchema },
  async (user, input): Promise<ActionState> => {
    await updateApprovalSettings(user, input);
    revalidatePath(`/organizations/${input.organizationId}/approval`);
    return { ok: true, message: "Approval settings saved." };
  },
);
