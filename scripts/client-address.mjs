// Plain JavaScript: the production front (scripts/serve.mjs) runs it without compiling anything.
//
// The address a request comes from, as the per-address limits count it (lib/auth/address.ts
// reads it back from X-Forwarded-For). Next.js fills X-Forwarded-For from the socket only when
// the request has none, so a client could otherwise name any address it likes. The front
// replaces the header on every request with one address: the socket's when no proxy is trusted,
// else the entry the nearest trusted proxy appended (TRUSTED_PROXY_HOPS proxies in front, each
// appending the address it received the request from).

/**
 * @param {string | string[] | undefined} forwardedFor the request's X-Forwarded-For header(s)
 * @param {string | undefined} socketAddress the address of the TCP peer
 * @param {number} trustedHops how many reverse proxies in front of the portal append to the header
 * @returns {string}
 */
export function clientAddressOf(forwardedFor, socketAddress, trustedHops) {
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; count it as a.b.c.d.
  const socket = (socketAddress || "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (trustedHops <= 0) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // With n trusted proxies the client's address is the n-th entry from the end; fewer entries
  // than that means the request bypassed a proxy, and the socket is all that can be trusted.
  return entries.length >= trustedHops ? entries[entries.length - trustedHops] : socket;
}

/**
 * Sets X-Forwarded-For (and X-Real-IP) of an incoming request to the one address it is counted
 * under, whatever the client sent.
 * @param {import("node:http").IncomingMessage} request
 * @param {number} trustedHops
 */
export function setClientAddress(request, trustedHops) {
  const address = clientAddressOf(
    request.headers["x-forwarded-for"],
    request.socket.remoteAddress,
    trustedHops,
  );
  request.headers["x-forwarded-for"] = address;
  request.headers["x-real-ip"] = address;
}

/**
 * TRUSTED_PROXY_HOPS as a number of proxies (0 when unset).
 * @param {string | undefined} value
 * @returns {number}
 */
export function trustedHopsFrom(value) {
  if (value === undefined || value.trim() === "") return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10, not "${value}"`);
  }
  return hops;
}
