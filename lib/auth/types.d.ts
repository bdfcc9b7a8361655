import type { Role } from "@/lib/generated/prisma/enums";

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
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    id: string;
    role: Role;
    /** The UserSession row; a token without a live row is no session. */
    sid?: string;
  }
}
