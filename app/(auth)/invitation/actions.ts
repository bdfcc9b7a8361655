"use server";

import { guardedAction } from "@/lib/actions";
import { acceptInvitation } from "@/lib/organizations/accept-invitation";
import { invitationTokenSchema } from "@/lib/organizations/schemas";

/** Joins the organization of the invitation; the signed-in address must be the invited one. */
export const acceptInvitationAction = guardedAction(
  { schema: invitationTokenSchema },
  async (user, { token }) => {
    // No revalidation: it would render this page again as "already accepted" over the answer.
    // The portal's pages are dynamic, so the next one shows the new membership anyway.
    await acceptInvitation(user, token);
    return { ok: true, message: "Welcome: you are now a member of the organization." };
  },
);
