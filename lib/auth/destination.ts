// Where a signed-in user goes next. Only paths of the portal itself are followed (no open
// redirect), and they are returned percent-encoded: a Location header carries bytes, so a path
// with characters outside Latin-1 (e.g. "/。x") would otherwise fail the response after the
// session cookie was already set.

export const DEFAULT_DESTINATION = "/orders";
const ORIGIN = "http://portal.invalid";

/**
 * The same-site path (with query and fragment) `value` names, percent-encoded, or null when it
 * names another site or is no path of this site at all.
 */
export function sameSitePath(value: unknown): string | null {
  // "//host" and "/\host" are other sites to a browser; control characters are never a path (and
  // the URL parser would silently drop tabs and newlines, turning "/\t/host" into "//host").
  if (typeof value !== "string" || !/^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The post-sign-in destination for a callbackUrl the visitor supplied, and whether it had to be
 * changed (replaced by the order list, or percent-encoded) to be followed safely.
 */
export function safeDestination(value: unknown): { path: string; changed: boolean } {
  if (value === undefined || value === null || value === "")
    return { path: DEFAULT_DESTINATION, changed: false };
  const path = sameSitePath(value) ?? DEFAULT_DESTINATION;
  return { path, changed: path !== value };
}

/**
 * Auth.js's redirect callback: absolute URLs of the portal's own origin and same-site paths are
 * kept (percent-encoded), anything else goes to the order list. `changed` says the path itself
 * had to be encoded or replaced, which is worth one log line.
 */
export function safeRedirectUrl(url: string, baseUrl: string): { url: string; changed: boolean } {
  let path: string;
  try {
    const parsed = new URL(url, baseUrl);
    if (parsed.origin !== new URL(baseUrl).origin)
      return { url: `${baseUrl}${DEFAULT_DESTINATION}`, changed: false };
    path = url.startsWith("/") ? url : `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return { url: `${baseUrl}${DEFAULT_DESTINATION}`, changed: true };
  }
  const safe = `${baseUrl}${sameSitePath(path) ?? DEFAULT_DESTINATION}`;
  return { url: safe, changed: safe !== (url.startsWith("/") ? `${baseUrl}${url}` : url) };
}
