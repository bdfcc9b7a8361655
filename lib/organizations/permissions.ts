import type { OrgRole } from "@/lib/generated/prisma/enums";

/**
 * What each organization role may do with the organization's orders: the one table every order
 * query and action consults (through lib/orders/queries/access.ts). A member holds one or more
 * roles; a capability is granted when any of them is listed. Staff (support, admin) are not
 * members: their rights come from their account role.
 */
export const ORG_CAPABILITIES = {
  /** See the organization's submitted orders, their timeline and status. */
  read: ["OWNER", "REQUESTER", "APPROVER", "VIEWER"],
  /** Download issued certificates. */
  download: ["OWNER", "REQUESTER", "APPROVER", "VIEWER"],
  /** Draft, submit, renew, and act on orders after ordering (DCV, cancel, revoke). */
  request: ["REQUESTER"],
  /** Approve or reject orders waiting for the authorised representative. */
  approve: ["APPROVER"],
  /** Invite and remove members, change roles, settings and the company profile. */
  manage: ["OWNER"],
} as const satisfies Record<string, readonly OrgRole[]>;

export type OrgCapability = keyof typeof ORG_CAPABILITIES;

/** The roles that grant a capability. */
export function rolesFor(capability: OrgCapability): OrgRole[] {
  return [...ORG_CAPABILITIES[capability]];
}

/** Whether a member holding `roles` has the capability. */
export function rolesCan(roles: readonly OrgRole[], capability: OrgCapability): boolean {
  const granted: readonly OrgRole[] = ORG_CAPABILITIES[capability];
  return roles.some((role) => granted.includes(role));
}

/** Every role a person has in their personal organization (and no approval step there). */
export const PERSONAL_ROLES: readonly OrgRole[] = ["OWNER", "REQUESTER", "APPROVER"];
