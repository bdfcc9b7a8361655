"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction, type ActionState } from "@/lib/actions";
import { updateProfile } from "@/lib/organizations/profile";
import { profileValuesSchema } from "@/lib/organizations/profile-fields";

const saveProfileSchema = z.object({
  organizationId: z.string().min(1).max(40),
  version: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  values: profileValuesSchema,
});

/** Saves the company profile at the version the page showed (owners only, checked in the domain). */
export const saveProfileAction = guardedAction(
  { schema: saveProfileSchema },
  async (user, { organizationId, version, values }): Promise<ActionState<{ version: number }>> => {
    const saved = await updateProfile(user, organizationId, version, values);
    revalidatePath(`/organizations/${organizationId}/profile`);
    return { ok: true, message: "The company profile is saved.", data: saved };
  },
);
