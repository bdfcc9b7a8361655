"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction, type ActionState } from "@/lib/actions";
import { changeUserRole, createAccount, setUserDisabled, UserAdminError } from "@/lib/users/admin";
import { EmailTakenError } from "@/lib/users/data";
import { createAccountSchema } from "@/lib/users/schemas";
import { changeRoleSchema, userStatusSchema } from "./schemas";

function refused(error: unknown): ActionState {
  if (error instanceof UserAdminError) return { ok: false, message: error.message, fieldErrors: {} };
  throw error;
}

function revalidateUser(id: string): void {
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${id}`);
  revalidatePath("/admin/audit");
}

export const createAccountAction = guardedAction(
  { roles: ["ADMIN"], schema: createAccountSchema },
  async (admin, input): Promise<ActionState> => {
    let id: string;
    try {
      id = (await createAccount(admin, input)).id;
    } catch (error) {
      if (error instanceof EmailTakenError) {
        return { ok: false, message: error.message, fieldErrors: { email: [error.message] } };
      }
      return refused(error);
    }
    revalidateUser(id);
    redirect(`/admin/users/${id}?created=1`);
  },
);

export const changeRoleAction = guardedAction(
  { roles: ["ADMIN"], schema: changeRoleSchema },
  async (admin, input): Promise<ActionState> => {
    try {
      const user = await changeUserRole(admin, input);
      revalidateUser(user.id);
      return { ok: true, message: `${user.email} is now ${user.role.toLowerCase()}.` };
    } catch (error) {
      return refused(error);
    }
  },
);

export const setUserStatusAction = guardedAction(
  { roles: ["ADMIN"], schema: userStatusSchema },
  async (admin, input): Promise<ActionState> => {
    try {
      const user = await setUserDisabled(admin, {
        userId: input.userId,
        disabled: input.operation === "disable",
        reason: input.reason,
      });
      revalidateUser(user.id);
      return { ok: true, message: `${user.email} is now ${user.disabled ? "disabled" : "enabled"}.` };
    } catch (error) {
      return refused(error);
    }
  },
);
