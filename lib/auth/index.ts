import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "@/lib/auth/config";
import { safeRedirectUrl } from "@/lib/auth/destination";
import { clientAddress } from "@/lib/auth/address";
import { endSession, getSessionCheck } from "@/lib/auth/sessions";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { signInSchema } from "@/lib/users/schemas";
import { logger } from "@/lib/log";

/** Thrown when this account+address pair or the address must wait; code carries the seconds. */
export class SignInThrottled extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `throttled:${seconds}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  // Auth.js reports every failed sign-in as an error with a stack trace; the authorize callback
  // already logs those, so only real errors go to the log (through pino's redaction).
  logger: {
    error(error) {
      // By type, not class name: the production build shortens class names.
      if ((error as { type?: string }).type === CredentialsSignin.type) return;
      logger.error({ err: { name: error.name, message: error.message } }, "auth error");
    },
    warn(code) {
      logger.warn({ code }, "auth warning");
    },
    debug() {},
  },
  callbacks: {
    ...authConfig.callbacks,
    // Runs for every auth() and every /api/auth/session: the token is only as good as its
    // UserSession row, and role, name and e-mail come from the database, not from the token.
    async jwt({ token, user }) {
      if (user?.id) {
        if (!user.sessionId) return null;
        return { ...token, id: user.id, role: user.role, sid: user.sessionId };
      }
      // Tokens issued before sessions were recorded have no row to check: they end now.
      if (!token.sid) return null;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped: this check decides anew
      const { unchecked, ...checked } = token;
      let current: Awaited<ReturnType<typeof getSessionCheck>>;
      try {
        current = await getSessionCheck(token.sid);
      } catch (error) {
        // The database did not answer: that says nothing about the session. Returning null here
        // would sign the user out (and send a customer mid-order to the sign-in page); instead the
        // token is kept and marked, and the guards refuse to act on it (lib/auth/guards.ts).
        logger.warn({ err: (error as Error).message }, "session could not be checked");
        return { ...checked, unchecked: true };
      }
      if (!current || current.user.id !== token.id) return null;
      const { role, name, email } = current.user;
      return { ...checked, role, name, email, sf: current.secondFactor };
    },
    session({ session, token }) {
      if (token.id && session.user) {
        session.user.id = token.id;
        session.user.role = token.role;
        session.sessionId = token.sid;
        if (token.unchecked) session.unchecked = true;
        if (token.sf) session.secondFactor = token.sf;
      }
      return session;
    },
    redirect({ url, baseUrl }) {
      const safe = safeRedirectUrl(url, baseUrl);
      if (safe.changed) logger.info({ to: safe.url }, "sign-in destination made safe");
      return safe.url;
    },
  },
  events: {
    // Sign-out, from the header's button or a POST to /api/auth/signout, deletes the row, so a
    // copy of the cookie taken before signs nobody in afterwards.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await endSession(sid);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Runs for the sign-in server action and for direct POSTs to the callback endpoint alike,
      // so throttling lives here rather than in the form's action.
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const outcome = await attemptSignIn({
          ...parsed.data,
          address: clientAddress(request.headers),
          userAgent: request.headers.get("user-agent"),
        });
        if (outcome.ok) return { ...outcome.user, sessionId: outcome.sessionId };
        if (outcome.reason === "throttled") throw new SignInThrottled(outcome.waitSeconds);
        return null;
      },
    }),
  ],
});
