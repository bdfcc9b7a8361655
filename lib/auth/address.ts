/**
 * The client address sign-in failures and sign-ups are counted against. The last X-Forwarded-For
 * entry is the one the portal's own reverse proxy appended; entries before it come from the
 * client and could be varied to dodge the per-address limits. Next.js fills the header from the
 * socket only when the request has none, so without a proxy in front the client chooses it: the
 * README asks for a proxy that sets the header (a portal-owned front that does it is still to come).
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
