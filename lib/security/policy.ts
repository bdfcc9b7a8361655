// Request-level protections applied by the proxy before any page, action or route runs: the
// content security policy, the same-origin rule for server actions, and the body size limit.
// Pure functions of the request's parts, so they are tested without a server.

/** Largest request body the portal accepts (a CSR is a few KB; an order input well under 100 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface PolicyOptions {
  /** `next dev` needs eval for fast refresh; production never gets it. */
  development: boolean;
  /** Served over https: ask the browser to upgrade any stray http sub-resource. */
  https: boolean;
}

/**
 * The content security policy of an HTML page. Scripts run only with this response's nonce
 * (Next.js puts it on its own scripts) or when loaded by such a script ('strict-dynamic'); no
 * plugin, no framing by any site, forms post only to the portal.
 */
export function contentSecurityPolicy(nonce: string, options: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(options.development ? ["'unsafe-eval'"] : []),
    ],
    ["style-src", "'self'", `'nonce-${nonce}'`],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (options.https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** A fresh nonce per response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Server actions are POSTs carrying a `Next-Action` header. They are accepted only from a page of
 * the portal itself: the browser's Origin header must name the host the request was sent to (the
 * public host from X-Forwarded-Host behind a reverse proxy, as Next.js itself compares). Next.js
 * answers a mismatch with a 500 and lets a missing Origin through; the proxy refuses both with a
 * 403 first, since a session cookie alone proves nothing about who made the page post.
 */
export function crossOriginActionRefused(method: string, headers: Headers): boolean {
  if (method !== "POST" || !headers.has("next-action")) return false;
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!origin || origin === "null" || !host) return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Whether a request body must be refused before it is read: 413 when its declared length is over
 * the limit, 411 when a POST other than a server action streams a body of undeclared length
 * (browsers always declare it; Next.js enforces the limit on server action streams itself).
 */
export function bodyRefusal(method: string, headers: Headers, limit = MAX_BODY_BYTES): 411 | 413 | null {
  const declared = headers.get("content-length");
  if (declared !== null) return Number(declared) > limit ? 413 : null;
  const streamed = headers.has("transfer-encoding");
  return streamed && ["POST", "PUT", "PATCH"].includes(method) && !headers.has("next-action") ? 411 : null;
}
