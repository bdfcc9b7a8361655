import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "@/lib/auth/config";
import { safeRedirectUrl } from "@/lib/auth/destination";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clientAddress } from "@/lib/auth/address";
import { createSession, endSession, getSessionCheck } from "@/lib/auth/sessions";
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from "@/lib/auth/throttle";
import { findUserForSignIn } from "@/lib/users/data";
import { signInSchema } from "@/lib/users/schemas";
import { logger } from "@/lib/log";

/** Thrown when an account or address has too many recent failures; code carries the wait. */
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
        const { email, password } = parsed.data;
        const address = clientAddress(request.headers);
        const wait = await signInBlockedFor(email, address);
        if (wait > 0) {
          logger.warn({ email, address }, "sign-in throttled");
          throw new SignInThrottled(wait);
        }
        const user = await findUserForSignIn(email);
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !ok || user.disabled) {
          await recordSignInFailure(email, address);
          logger.info(
            { email, address, reason: user?.disabled ? "disabled" : "credentials" },
            "sign-in failed",
          );
          return null;
        }
        await clearSignInFailures(email);
        const sessionId = await createSession(user.id, {
          userAgent: request.headers.get("user-agent"),
          address,
        });
        logger.info({ userId: user.id }, "signed in");
        return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId };
      },
    }),
  ],
});
