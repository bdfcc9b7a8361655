import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

// Addresses a webhook may not reach unless WEBHOOK_ALLOW_PRIVATE_URLS is set: the IANA
// special-purpose ranges (loopback, private, shared, link-local, documentation, benchmarking,
// multicast, reserved; IPv6 unique-local, link-local, NAT64/6to4/Teredo, which embed an IPv4
// address). Node's BlockList matches IPv4-mapped IPv6 addresses against the IPv4 rules too.
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, "ipv6");

/** Whether `address` (an IP literal) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 6 ? "ipv6" : "ipv4");
}

export class WebhookAddressError extends Error {
  override name = "WebhookAddressError";
}

/** Every address `hostname` resolves to; refuses the name if any one of them is not public. */
export async function resolvePublic(hostname: string): Promise<LookupAddress[]> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw new WebhookAddressError(`${host} is not a public address`);
    return [{ address: host, family: isIP(host) }];
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, found) =>
      error ? reject(error) : resolve(found),
    ),
  ).catch((error: NodeJS.ErrnoException) => {
    throw new WebhookAddressError(`${host} does not resolve (${error.code ?? error.message})`);
  });
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused)
    throw new WebhookAddressError(`${host} resolves to ${refused.address}, which is not a public address`);
  if (addresses.length === 0) throw new WebhookAddressError(`${host} does not resolve`);
  return addresses;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that resolves again at connection time and hands the socket only
 * addresses it checked: a name that passed at registration and now points inside (DNS
 * rebinding) is refused before any byte is sent.
 */
export function publicOnlyLookup(
  hostname: string,
  options: { all?: boolean },
  callback: LookupCallback,
): void {
  resolvePublic(hostname).then(
    (addresses) => {
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    },
    (error: Error) => callback(Object.assign(error, { code: "EWEBHOOKADDRESS" }), "", 0),
  );
}
