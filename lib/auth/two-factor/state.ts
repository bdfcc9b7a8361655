import type { Role } from "@/lib/generated/prisma/enums";
import { STAFF } from "@/lib/auth/roles";

/**
 * Where a session stands with its second factor: "done" (passed, or a customer who has none),
 * "verify" (the user has a factor and must use it), "enrol" (staff without a factor, who must
 * set one up). Only a "done" session is signed in; the others reach /two-factor alone.
 */
export type SecondFactorState = "done" | "verify" | "enrol";

export function secondFactorState(input: {
  role: Role;
  verifiedAt: Date | null;
  hasFactor: boolean;
}): SecondFactorState {
  if (input.verifiedAt) return "done";
  if (input.hasFactor) return "verify";
  // OWASP ASVS level 2: whoever works on other people's orders signs in with two factors.
  return STAFF.includes(input.role) ? "enrol" : "done";
}
