import { z } from "zod";
import { emailSchema } from "@/lib/users/schemas";
import { UNSTORABLE, UNSTORABLE_MESSAGE } from "@/lib/text";

// The organization forms' schemas, shared by the browser (zodResolver) and the server actions.

export const ORG_ROLES = ["OWNER", "REQUESTER", "APPROVER", "VIEWER"] as const;
export type OrgRoleName = (typeof ORG_ROLES)[number];

/** What each role means, in the words the members page shows. */
export const ROLE_WORDS: Record<OrgRoleName, { label: string; hint: string }> = {
  OWNER: { label: "Owner", hint: "manages members and settings" },
  REQUESTER: { label: "Requester", hint: "drafts and submits orders" },
  APPROVER: { label: "Approver", hint: "approves orders as the authorised representative" },
  VIEWER: { label: "Viewer", hint: "reads orders and downloads certificates" },
};

/** An organization id (cuid, or a user id for a personal one). */
export const organizationIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, "This organization does not exist.");

export const organizationNameSchema = z
  .string()
  .trim()
  .min(2, "Enter the organization's name (at least 2 characters).")
  .max(200, "The name has at most 200 characters.")
  .refine((v) => !UNSTORABLE.test(v), UNSTORABLE_MESSAGE);

/** Roles arrive as checkboxes (a FormData value each) or as an array. */
export const rolesSchema = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(ORG_ROLES, "Choose roles from the list."))
    .min(1, "Choose at least one role.")
    .max(4)
    .transform((roles) => ORG_ROLES.filter((r) => roles.includes(r))),
);

export const createOrganizationSchema = z.object({ name: organizationNameSchema });
export const renameOrganizationSchema = z.object({
  organizationId: organizationIdSchema,
  name: organizationNameSchema,
});
export const inviteSchema = z.object({
  organizationId: organizationIdSchema,
  email: emailSchema,
  roles: rolesSchema,
});
export const invitationIdSchema = z.object({
  organizationId: organizationIdSchema,
  invitationId: z.string().min(1).max(40),
});
export const memberRolesSchema = z.object({
  organizationId: organizationIdSchema,
  userId: z.string().min(1).max(40),
  roles: rolesSchema,
});
export const memberSchema = z.object({
  organizationId: organizationIdSchema,
  userId: z.string().min(1).max(40),
});
export const leaveSchema = z.object({ organizationId: organizationIdSchema });
/** The invitation link's token (32 random bytes, base64url); anything else matches nothing. */
export const invitationTokenSchema = z.object({ token: z.string().max(100) });
