"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions";
import { acceptInvitation } from "@/lib/organizations/accept-invitation";
import { invitationTokenSchema } from "@/lib/organizations/schemas";

/** Joins the organization of the invitation; the signed-in address must be the invited one. */
export const acceptInvitationAction = guardedAction(
  { schema: invitationTokenSchema },
  async (user, { token }) => {
    await acceptInvitation(user, token);
    revalidatePath("/", "layout");
    return { ok: true, message: "Welcome: you are now a member of the organization." };
  },
);
