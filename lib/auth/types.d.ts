import type { Role } from "@/lib/generated/prisma/enums";
import type { SecondFactorState } from "@/lib/auth/two-factor/state";

declare module "next-auth" {
  interface User {
    role: Role;
    /** Set by authorize: the UserSession row this sign-in created. */
    sessionId?: string;
  }
  interface Session {
    user: { id: string; role: Role; name?: string | null; email?: string | null };
    /** The UserSession row behind this session (not a token: it signs nobody in by itself). */
    sessionId?: string;
    /** The database could not be asked whether this session is still live. */
    unchecked?: boolean;
    /** Where the session stands with its second factor; only "done" is signed in. */
    secondFactor?: SecondFactorState;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    id: string;
    role: Role;
    /** The UserSession row; a token without a live row is no session. */
    sid?: string;
    /** Set for one request when the session's row could not be read (database down). */
    unchecked?: boolean;
    /** Second-factor state of the session as of this request (lib/auth/two-factor/state.ts). */
    sf?: SecondFactorState;
  }
}
