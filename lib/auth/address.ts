/**
 * The client address sign-in failures and sign-ups are counted against. The production server
 * (scripts/serve.mjs) replaces X-Forwarded-For on every request with one address: the socket's,
 * or with TRUSTED_PROXY_HOPS set, the one the nearest trusted proxy appended; whatever the client
 * wrote is gone. The last entry is read in case another front appends instead.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
