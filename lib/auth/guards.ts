import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import type { Role } from "@/lib/generated/prisma/enums";
import type { SessionUser } from "@/lib/users/data";
import type { SecondFactorState } from "@/lib/auth/two-factor/state";

/** The session's row could not be read: the database is unavailable. */
export class SessionUncheckable extends Error {
  constructor() {
    super("The portal cannot check your session right now: its database is not reachable.");
    this.name = "SessionUncheckable";
  }
}

/**
 * The signed-in user as the database sees them now. auth() runs the jwt callback, which checks the
 * session's row and re-reads the account on every request: an ended session, a disabled account
 * or a changed role takes effect on the next request, not when the session token expires.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getCurrentSession();
  return session?.user ?? null;
});

/** The signed-in user and the id of the session they are using now, or null. */
export const getCurrentSession = cache(async (): Promise<{ user: SessionUser; sessionId: string } | null> => {
  const session = await getSignInSession();
  // A session still waiting for its second factor is not signed in: it reaches /two-factor only.
  if (!session || session.secondFactor !== "done") return null;
  return { user: session.user, sessionId: session.sessionId };
});

/**
 * The session whether or not it has passed its second factor, for the /two-factor page and its
 * actions alone. Deny by default: a session whose state is not known counts as waiting.
 */
export const getSignInSession = cache(
  async (): Promise<{ user: SessionUser; sessionId: string; secondFactor: SecondFactorState } | null> => {
    const session = await auth();
    // Neither signed in nor signed out: the database is down. Failing here (rather than
    // redirecting to /sign-in) lets a form keep what was typed and say what happened.
    if (session?.unchecked) throw new SessionUncheckable();
    const user = session?.user;
    if (!session?.sessionId || !user?.id || !user.email || !user.name) return null;
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      sessionId: session.sessionId,
      secondFactor: session.secondFactor ?? "verify",
    };
  },
);

/**
 * Redirects anonymous visitors to /sign-in, and a session that has not passed its second factor
 * (or, for staff, has none yet) to /two-factor: every page, action and data function behind this
 * guard is out of its reach.
 */
export async function requireUser(): Promise<SessionUser> {
  const session = await getSignInSession();
  if (!session) redirect("/sign-in");
  if (session.secondFactor !== "done") redirect("/two-factor");
  return session.user;
}

/** A session between its password and its second factor (the /two-factor page's guard). */
export async function requireSignInStep(): Promise<{
  user: SessionUser;
  sessionId: string;
  secondFactor: SecondFactorState;
}> {
  const session = await getSignInSession();
  if (!session) redirect("/sign-in");
  return session;
}

/** Signed-in user with one of the roles, else the 403 page. */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}
