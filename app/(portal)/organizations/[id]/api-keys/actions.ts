"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction, type ActionState } from "@/lib/actions";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/manage";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/api-keys/schemas";

// Each command checks again, in its transaction, that the caller may manage the organization.

export const createApiKeyAction = guardedAction(
  { schema: createApiKeySchema },
  async (user, input): Promise<ActionState<{ secret: string; name: string }>> => {
    const key = await createApiKey(user, input);
    revalidatePath(`/organizations/${input.organizationId}/api-keys`);
    return {
      ok: true,
      message: `Key "${key.name}" created. Copy it now: it is not shown again.`,
      data: { secret: key.secret, name: key.name },
    };
  },
);

export const revokeApiKeyAction = guardedAction(
  { schema: revokeApiKeySchema },
  async (user, { organizationId, keyId }): Promise<ActionState> => {
    await revokeApiKey(user, organizationId, keyId);
    revalidatePath(`/organizations/${organizationId}/api-keys`);
    // The key's revoke form leaves the page with it: the page itself says what happened.
    redirect(`/organizations/${organizationId}/api-keys?revoked=1`);
  },
);
