import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { PUBLIC_PATHS } from "@/lib/auth/config";
import {
  actionRequestProblem,
  bodyRefusal,
  contentSecurityPolicy,
  crossOriginActionRefused,
  MAX_BODY_BYTES,
  newNonce,
  urlProblem,
} from "@/lib/security/policy";

// Runs before every page, action and route. In order: refuses oversized bodies, server actions
// posted from another origin and action bodies Next.js could not decode; lets the API routes
// (which check their callers themselves) through; redirects anonymous visitors to /sign-in; and
// gives each page a fresh nonce and the content security policy that requires it.
//
// The redirect is a convenience, not the authorization: every page, action and data function
// checks the user again on the server. The proxy only reads the session token and never writes
// the cookie: a rolling refresh here would let link prefetches that were in flight during
// sign-out put the session cookie back.
const SELF_CHECKED = ["/api/auth", "/api/health"];

const under = (pathname: string, prefixes: string[]) =>
  prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (urlProblem(request.nextUrl.pathname, search)) {
    return new NextResponse("This address contains characters no page of the portal uses.", { status: 400 });
  }
  const refusal = bodyRefusal(request.method, request.headers);
  if (refusal === 413) {
    return new NextResponse(`The request is larger than ${MAX_BODY_BYTES / 1024} KB.`, { status: 413 });
  }
  if (refusal === 411) return new NextResponse("The request must declare its length.", { status: 411 });
  if (crossOriginActionRefused(request.method, request.headers)) {
    return new NextResponse("Forms of this portal can only be sent from its own pages.", { status: 403 });
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    // Next.js answers an argument list it cannot decode with a 500; refuse such a body first.
    const problem = await actionRequestProblem(request.clone());
    if (problem) {
      return new NextResponse(`This request could not be read: ${problem}. Reload the page and try again.`, {
        status: 400,
      });
    }
  }
  if (under(pathname, SELF_CHECKED)) return NextResponse.next();

  if (!under(pathname, PUBLIC_PATHS)) {
    const token = await getToken({
      req: request,
      secret: process.env.AUTH_SECRET,
      secureCookie: request.nextUrl.protocol === "https:",
    });
    if (!token?.id) {
      const signIn = new URL("/sign-in", request.url);
      if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
      return NextResponse.redirect(signIn);
    }
  }

  // Next.js reads the nonce from the request's policy header and puts it on its own scripts.
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
