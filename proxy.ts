import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// Redirects anonymous visitors to /sign-in. It is a convenience, not the authorization: every
// page, action and data function checks the user again on the server.
const { auth } = NextAuth(authConfig);

export default auth;

export const config = {
  matcher: ["/((?!api/auth|api/health|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
