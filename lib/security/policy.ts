import { formActionIds, type ActionRoutes } from "./action-routes";

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

/** The policy of answers that are files or data, never pages (the CSV export, the API). */
export const FILE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * A URL whose path or query, decoded, holds a control character or broken Unicode names nothing
 * in the portal (ids, filters and search terms never contain one); refusing it up front keeps
 * such text away from the database, which cannot store a NUL. Returns the problem, or null.
 */
export function urlProblem(pathname: string, search: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname) + decodeURIComponent(search.replaceAll("+", " "));
  } catch {
    return "malformed escape";
  }
  // Broken Unicode cannot come out of decodeURIComponent: it throws instead (above).
  return /[\u0000-\u001f\u007f]/.test(decoded) ? "control character" : null;
}

/** A fresh nonce per response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * How a request may reach a server action: "fetch" for the POST a page's script makes (with a
 * `Next-Action` header), "form" for a form posted without JavaScript (multipart, naming the
 * action in a `$ACTION_…` field; Next.js treats every multipart or URL-encoded POST to a page as
 * a possible one). Route handlers under /api never run actions; Auth.js checks its own posts.
 */
export function actionPostKind(method: string, headers: Headers, pathname: string): "fetch" | "form" | null {
  if (method !== "POST") return null;
  if (headers.has("next-action")) return "fetch";
  if (pathname === "/api" || pathname.startsWith("/api/")) return null;
  const type = (headers.get("content-type") ?? "").toLowerCase();
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")
    ? "form"
    : null;
}

/**
 * Server actions are accepted only from a page of the portal itself: the browser's Origin header
 * must name the host the request was sent to (the public host from X-Forwarded-Host behind a
 * reverse proxy, as Next.js itself compares). Next.js answers a mismatch with a 500 and lets a
 * missing Origin through (a form posted without JavaScript then runs); the proxy refuses both
 * with a 403 first, since a session cookie alone proves nothing about who made the page post.
 */
export function crossOriginActionRefused(method: string, headers: Headers, pathname = "/"): boolean {
  if (!actionPostKind(method, headers, pathname)) return false;
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
 * the limit, 411 when a POST streams a body of undeclared length. Browsers always declare it, for
 * forms and for the fetch a server action makes; Next.js does cap an action's stream at 1 MB
 * itself, but answers that with a 500.
 */
export function bodyRefusal(method: string, headers: Headers, limit = MAX_BODY_BYTES): 411 | 413 | null {
  const declared = headers.get("content-length");
  if (declared !== null) return Number(declared) > limit ? 413 : null;
  return headers.has("transfer-encoding") && ["POST", "PUT", "PATCH"].includes(method) ? 411 : null;
}

/** Deeper than any argument the portal's actions take (an order input is three levels deep). */
export const MAX_ACTION_NESTING = 32;

// Values React's encodeReply writes into a JSON argument list: an escaped string ("$$…"), and
// undefined, NaN, infinities, -0, dates and bigints. A reference to another part ("$1", "$h1",
// "$K1", "$@1", "$T", "$F" …) cannot occur in a single JSON body; it only makes React's decoder
// walk, throw, and Next.js answer 500.
const PLAIN_VALUE = /^\$(\$|undefined$|NaN$|-?Infinity$|-0$|D\d{4}-\d\d-\d\dT[\d:.]+Z$|n-?\d{1,30}$)/;

/**
 * Checks a server action's argument list (a text/plain JSON body) before Next.js decodes it, so
 * that bodies it cannot decode get a 400 instead of its 500: not JSON, not an array, nested
 * deeper than MAX_ACTION_NESTING, or holding a React reference no browser of ours sends.
 * Returns what is wrong, or null.
 */
export function actionBodyProblem(body: string): string | null {
  const json = parseJson(body);
  if (!json.ok) return json.problem;
  if (!Array.isArray(json.value)) return "not an argument list";
  const pending: unknown[] = [json.value];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.startsWith("$") && !PLAIN_VALUE.test(value)) return "holds a reference";
    } else if (value && typeof value === "object") {
      pending.push(...Object.values(value));
    }
  }
  return null;
}

/**
 * JSON nested no deeper than MAX_ACTION_NESTING, parsed once. Depth is counted on the text first
 * (strings skipped), so that nothing recursive ever sees a deep body.
 */
function parseJson(body: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_ACTION_NESTING) return { ok: false, problem: "nested too deeply" };
    } else if (c === "]" || c === "}") depth--;
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, problem: "not JSON" };
  }
}

/**
 * The check of a server action request as a whole: a JSON argument list (an action called from
 * script), or a form whose numbered parts are React's JSON (an action a form posts).
 */
export async function actionRequestProblem(request: Request): Promise<string | null> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("text/plain")) return actionBodyProblem(await request.text());
  if (!type.startsWith("multipart/form-data")) return "an unexpected content type";
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return "not a form";
  }
  for (const [name, value] of form) {
    if (/^\d+$/.test(name) && typeof value === "string") {
      const json = parseJson(value);
      if (!json.ok) return json.problem;
    }
  }
  return null;
}

export interface ActionRefusal {
  status: 400 | 404;
  problem: string;
}

/**
 * The check of a same-origin request that may reach a server action, before Next.js reads it:
 * 404 when it names an action the page does not host (or no build made), 400 when its body
 * cannot be decoded. `routes` is the build's action table (./action-routes.ts); without one only
 * the body is checked.
 */
export async function actionRequestRefusal(
  request: Request,
  kind: "fetch" | "form",
  pathname: string,
  routes: ActionRoutes | null,
): Promise<ActionRefusal | null> {
  const notHosted = (ids: string[]) => routes !== null && ids.some((id) => routes(id, pathname) !== "hosted");
  if (kind === "fetch") {
    if (notHosted([request.headers.get("next-action") ?? ""])) {
      return { status: 404, problem: "no such form on this page" };
    }
    const problem = await actionRequestProblem(request);
    return problem ? { status: 400, problem } : null;
  }
  // A URL-encoded post never runs an action (Next.js does not support them); the page answers it.
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    return null;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { status: 400, problem: "not a form" };
  }
  const ids = formActionIds(form);
  if (!ids) return { status: 400, problem: "a malformed action field" };
  return notHosted(ids) ? { status: 404, problem: "no such form on this page" } : null;
}
