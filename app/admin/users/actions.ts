"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardedAction, type ActionState } from "@/lib/actions";
import { resetSecondFactors } from "@/lib/auth/two-factor/manage";
import { ADMIN } from "@/lib/auth/roles";
import { changeUserRole, createAccount, setUserDisabled } from "@/lib/users/admin";
import { createAccountSchema } from "@/lib/users/schemas";
import { changeRoleSchema, userStatusSchema } from "./schemas";

function revalidateUser(id: string): void {
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${id}`);
  revalidatePath("/admin/audit");
}

export const createAccountAction = guardedAction(
  { roles: ADMIN, schema: createAccountSchema },
  async (admin, input): Promise<ActionState> => {
    const { id } = await createAccount(admin, input);
    revalidateUser(id);
    redirect(`/admin/users/${id}?created=1`);
  },
);

export const changeRoleAction = guardedAction(
  { roles: ADMIN, schema: changeRoleSchema },
  async (admin, input): Promise<ActionState> => {
    const user = await changeUserRole(admin, input);
    revalidateUser(user.id);
    return { ok: true, message: `${user.email} is now ${user.role.toLowerCase()}.` };
  },
);

export const setUserStatusAction = guardedAction(
  { roles: ADMIN, schema: userStatusSchema },
  async (admin, input): Promise<ActionState> => {
    const user = await setUserDisabled(admin, {
      userId: input.userId,
      disabled: input.operation === "disable",
      reason: input.reason,
    });
    revalidateUser(user.id);
    return { ok: true, message: `${user.email} is now ${user.disabled ? "disabled" : "enabled"}.` };
  },
);

/** Removes every second factor of an account and ends its sessions (a lost phone and lost codes). */
export const resetSecondFactorsAction = guardedAction(
  { roles: ADMIN, schema: z.object({ userId: z.string().min(1).max(100) }) },
  async (admin, { userId }): Promise<ActionState> => {
    const user = await resetSecondFactors(admin, userId);
    revalidateUser(userId);
    return {
      ok: true,
      message: `The second factors of ${user.email} were removed and their sessions ended. They set up a new one at their next sign-in.`,
    };
  },
);
