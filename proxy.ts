import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { PUBLIC_PATHS } from "@/lib/auth/config";

// Redirects anonymous visitors to /sign-in. It is a convenience, not the authorization: every
// page, action and data function checks the user again on the server. It only reads the session
// token and never writes the cookie: a rolling refresh here would let link prefetches that were
// in flight during sign-out put the session cookie back.
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const token = await getToken({
    req: request,
    secret: process.env.AUTH_SECRET,
    secureCookie: request.nextUrl.protocol === "https:",
  });
  if (token?.id) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api/auth|api/health|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
