import { z } from "zod";
import { roles } from "@/lib/users/schemas";

// Shared by the browser forms (zodResolver) and the server actions (safeParse).
const userId = z.string().trim().min(1, "The user is missing.").max(64);
const reason = z
  .string()
  .trim()
  .min(1, "Give a reason; it is kept in the audit log.")
  .max(500, "Use at most 500 characters.");

export const changeRoleSchema = z
  .object({ userId, expectedRole: z.enum(roles), role: z.enum(roles, "Choose a role."), reason })
  .refine((v) => v.role !== v.expectedRole, {
    path: ["role"],
    message: "Choose a role different from the current one.",
  });

export const userStatusSchema = z.object({ userId, operation: z.enum(["disable", "enable"]), reason });

export type ChangeRoleInput = z.input<typeof changeRoleSchema>;
export type UserStatusInput = z.input<typeof userStatusSchema>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** The list's query-string filters; anything unrecognised is dropped rather than refused. */
export const userListFiltersSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100).optional().catch(undefined)),
  role: z.preprocess(first, z.enum(roles).optional().catch(undefined)),
  status: z.preprocess(first, z.enum(["enabled", "disabled"]).optional().catch(undefined)),
});
