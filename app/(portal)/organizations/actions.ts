"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createOrganizationSchema } from "@/lib/organizations/schemas";

/** Creates a company organization with the caller as its owner, then opens its members page. */
export const createOrganizationAction = guardedAction(
  { schema: createOrganizationSchema },
  async (user, { name }) => {
    const { id } = await createOrganization(user, name);
    revalidatePath("/", "layout");
    redirect(`/organizations/${id}`);
  },
);
