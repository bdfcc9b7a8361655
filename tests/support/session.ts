import { createSession, getSessionCheck, markSecondFactorPassed } from "@/lib/auth/sessions";

/**
 * Stands in for Auth.js's `auth()` in tests that call server actions directly: the caller is
 * whoever `holder.userId` names, signed in through a real UserSession row, and every call is
 * checked the way the jwt callback checks it (getSessionCheck), so an ended session or a disabled
 * account is refused here as in the portal. The session has passed its second factor, as a
 * signed-in staff member's has, unless `holder.secondFactorPassed` is false.
 */
export function sessionAuth(holder: { userId: string | null; secondFactorPassed?: boolean }) {
  const sessions = new Map<string, string>();
  return {
    auth: async () => {
      const userId = holder.userId;
      if (!userId) return null;
      const key = `${userId}:${holder.secondFactorPassed !== false}`;
      let sessionId = sessions.get(key);
      if (!sessionId) {
        sessionId = await createSession(userId, { userAgent: "vitest" });
        if (holder.secondFactorPassed !== false) await markSecondFactorPassed(sessionId);
        sessions.set(key, sessionId);
      }
      const checked = await getSessionCheck(sessionId);
      return checked
        ? {
            user: checked.user,
            sessionId,
            secondFactor: checked.secondFactor,
            expires: new Date(Date.now() + 3_600_000).toISOString(),
          }
        : null;
    },
  };
}
