import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { PUBLIC_PATHS } from "@/lib/auth/config";
import { logger } from "@/lib/log";
import { buildActionRoutes } from "@/lib/security/action-routes";
import { PROBLEM_CONTENT_TYPE } from "@/lib/api/problem";
import {
  actionPostKind,
  actionRequestRefusal,
  bodyRefusal,
  contentSecurityPolicy,
  crossOriginActionRefused,
  FILE_POLICY,
  MAX_BODY_BYTES,
  newNonce,
  urlProblem,
} from "@/lib/security/policy";

// Runs before every page, action and route. In order: refuses oversized bodies, server actions
// posted from another origin (by script or by a form without JavaScript), naming an action the
// page does not host, or with a body Next.js could not decode; lets the API routes (which check
// their callers themselves) through; redirects anonymous visitors to /sign-in; and gives each
// page a fresh nonce and the content security policy that requires it.
//
// The redirect is a convenience, not the authorization: every page, action and data function
// checks the user again on the server. The proxy only reads the session token and never writes
// the cookie: a rolling refresh here would let link prefetches that were in flight during
// sign-out put the session cookie back.
// /api/sectigo/push is Sectigo's push: public, a hint only (lib/orders/commands/receive-push.ts).
// /api/mail/unsubscribe is RFC 8058's one-click POST from mail clients: its signed token is the guard.
// /metrics is Prometheus's scrape: its bearer token (METRICS_TOKEN) is the guard.
// /api/v1 is the integrators' API: every route checks its API key (lib/api/route.ts).
const SELF_CHECKED = [
  "/api/auth",
  "/api/health",
  "/api/sectigo/push",
  "/api/mail/unsubscribe",
  "/metrics",
  "/api/v1",
];
// Routes that answer with a file, never a page: no script may run in them at all.
const FILES = ["/admin/orders/export"];
const CERTIFICATE_FILE = /^\/orders\/[^/]+\/certificate\/[^/]+$/;
// The HTML part of a demo mail (app/admin/mail/[id]/html): someone else's markup, shown sandboxed.
const CAUGHT_MAIL_HTML = /^\/admin\/mail\/[^/]+\/html$/;
const MAIL_VIEW_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; sandbox";

const STATUS_PHRASES: Record<number, string> = {
  400: "Bad Request",
  411: "Length Required",
  413: "Content Too Large",
};

const under = (pathname: string, prefixes: string[]) =>
  prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));

/**
 * A refusal, logged as one line without a stack: what a client sends on purpose must not cost
 * the log more than that. The query is left out; it may hold what the visitor typed.
 */
function refuse(request: NextRequest, status: number, reason: string, text: string): NextResponse {
  logger.warn({ status, method: request.method, path: request.nextUrl.pathname, reason }, "request refused");
  // The API's clients read RFC 9457 problems, also for what is refused before its routes.
  if (under(request.nextUrl.pathname, ["/api/v1"])) {
    const problem = { type: "about:blank", title: STATUS_PHRASES[status] ?? "Error", status, detail: text };
    return new NextResponse(JSON.stringify(problem), {
      status,
      headers: { "content-type": PROBLEM_CONTENT_TYPE, "content-security-policy": FILE_POLICY },
    });
  }
  return new NextResponse(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const address = urlProblem(pathname, search);
  if (address)
    return refuse(request, 400, address, "This address contains characters no page of the portal uses.");
  const refusal = bodyRefusal(request.method, request.headers);
  if (refusal === 413) {
    return refuse(request, 413, "body too large", `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`);
  }
  if (refusal === 411)
    return refuse(request, 411, "length not declared", "The request must declare its length.");
  const actionKind = actionPostKind(request.method, request.headers, pathname);
  if (actionKind) {
    if (crossOriginActionRefused(request.method, request.headers, pathname)) {
      return refuse(
        request,
        403,
        "cross-origin action",
        "Forms of this portal can only be sent from its own pages.",
      );
    }
    const problem = await actionRequestRefusal(request.clone(), actionKind, pathname, buildActionRoutes());
    if (problem?.status === 404) {
      return refuse(
        request,
        404,
        problem.problem,
        "This form is not available here. Reload the page and try again.",
      );
    }
    if (problem) {
      return refuse(
        request,
        400,
        problem.problem,
        `This request could not be read: ${problem.problem}. Reload the page and try again.`,
      );
    }
  }
  if (under(pathname, ["/api/v1"])) {
    // JSON and certificate files for programs: nothing in them may ever run as a page.
    const response = NextResponse.next();
    response.headers.set("content-security-policy", FILE_POLICY);
    return response;
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

  if (under(pathname, FILES) || CERTIFICATE_FILE.test(pathname) || CAUGHT_MAIL_HTML.test(pathname)) {
    const response = NextResponse.next();
    response.headers.set(
      "content-security-policy",
      CAUGHT_MAIL_HTML.test(pathname) ? MAIL_VIEW_POLICY : FILE_POLICY,
    );
    return response;
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
