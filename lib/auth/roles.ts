import type { Role } from "@/lib/generated/prisma/enums";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";

/** Support agents and administrators: everyone who works on other people's orders. */
export const STAFF: readonly Role[] = ["SUPPORT", "ADMIN"];
/** Administrators only: every account, every order, the audit log. */
export const ADMIN: readonly Role[] = ["ADMIN"];

// Who a role list admits, named by its least privileged role (support staff includes admins).
const WHO: Record<Role, string> = {
  CUSTOMER: "signed-in users",
  SUPPORT: "support staff",
  ADMIN: "administrators",
};
const RANK: readonly Role[] = ["CUSTOMER", "SUPPORT", "ADMIN"];

export function hasRole(user: SessionUser, roles: readonly Role[]): boolean {
  return roles.includes(user.role);
}

/**
 * Refuses ("forbidden") anyone whose role is not in `roles`. Data functions and commands call it
 * although their route is guarded too: they are reachable from more than one route and action.
 */
export function assertRole(user: SessionUser, roles: readonly Role[], action = "do this"): void {
  if (hasRole(user, roles)) return;
  const least = RANK.find((role) => roles.includes(role)) ?? "ADMIN";
  throw new Refusal("forbidden", `Only ${WHO[least]} can ${action}.`);
}
