import type { ApiKeyRole, OrgRole } from "@/lib/generated/prisma/enums";

/**
 * The organization roles an API key's account holds, per key role: the key is then checked by
 * the same capability table (lib/organizations/permissions.ts) as any member. No key manages
 * the organization.
 */
export const API_KEY_ROLES: Record<ApiKeyRole, { roles: OrgRole[]; label: string; hint: string }> = {
  READ_ONLY: { roles: ["VIEWER"], label: "Read-only", hint: "reads orders and downloads certificates" },
  REQUESTER: { roles: ["REQUESTER"], label: "Requester", hint: "drafts, submits and acts on orders" },
  APPROVER: { roles: ["APPROVER"], label: "Approver", hint: "approves or rejects orders awaiting approval" },
};

export const API_KEY_ROLE_NAMES = [
  "READ_ONLY",
  "REQUESTER",
  "APPROVER",
] as const satisfies readonly ApiKeyRole[];
