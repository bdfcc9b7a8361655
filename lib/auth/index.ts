import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "@/lib/auth/config";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clientAddress } from "@/lib/auth/address";
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
        logger.info({ userId: user.id }, "signed in");
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
});
