import type { NextAuthConfig } from "next-auth";

// The part of the Auth.js configuration that needs no database: session settings and the token
// callbacks. The proxy imports only PUBLIC_PATHS; it reads the token without Auth.js's handler.
// /mail-preferences: the one-click link in every mail's footer, guarded by its signed token; the
// account links (reset, verification, e-mail change) are guarded by their single-use tokens.
export const PUBLIC_PATHS = [
  "/sign-in",
  "/sign-up",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
  "/confirm-email",
  "/mail-preferences",
  // An organization invitation: guarded by its single-use token; accepting needs a session.
  "/invitation",
  // The API reference (app/developers): public, like the OpenAPI document it shows.
  "/developers",
];

/** Idle lifetime of a session: the cookie's, and the UserSession row's (lib/auth/sessions.ts). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authConfig = {
  pages: { signIn: "/sign-in" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.id = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.id && session.user) {
        session.user.id = token.id;
        session.user.role = token.role;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
