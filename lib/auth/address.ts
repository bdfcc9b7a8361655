/**
 * The client address sign-in failures and sign-ups are counted against. The last X-Forwarded-For
 * entry is the one the portal's own reverse proxy appended (with no proxy in front, the one
 * Next.js set from the socket); entries before it come from the client and could be varied to
 * dodge the per-address limits.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
