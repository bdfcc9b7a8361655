import { createSession, getSessionUser } from "@/lib/auth/sessions";

/**
 * Stands in for Auth.js's `auth()` in tests that call server actions directly: the caller is
 * whoever `holder.userId` names, signed in through a real UserSession row, and every call is
 * checked the way the jwt callback checks it (getSessionUser), so an ended session or a disabled
 * account is refused here as in the portal.
 */
export function sessionAuth(holder: { userId: string | null }) {
  const sessions = new Map<string, string>();
  return {
    auth: async () => {
      const userId = holder.userId;
      if (!userId) return null;
      let sessionId = sessions.get(userId);
      if (!sessionId) {
        sessionId = await createSession(userId, { userAgent: "vitest" });
        sessions.set(userId, sessionId);
      }
      const user = await getSessionUser(sessionId);
      return user ? { user, sessionId, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
    },
  };
}
