"use server";

import { revalidatePath } from "next/cache";
import { guardedAction, type ActionState } from "@/lib/actions";
import { setVatNumber, vatNumberSchema } from "@/lib/organizations/vat-number";

/** An owner sets or clears the organization's EU VAT number (checked per member state). */
export const setVatNumberAction = guardedAction(
  { schema: vatNumberSchema },
  async (user, input): Promise<ActionState> => {
    const stored = await setVatNumber(user, input);
    revalidatePath(`/organizations/${input.organizationId}/profile`);
    return { ok: true, message: stored ? `VAT number ${stored} saved.` : "VAT number removed." };
  },
);
