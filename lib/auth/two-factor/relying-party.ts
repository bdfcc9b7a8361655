import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

// The WebAuthn relying party is the portal's public address: AUTH_URL when set (as for Auth.js),
// else the host the request came to. Passkeys are bound to its host name (the RP ID).
export const RP_NAME = "eIDAS Certificate Portal";

export async function relyingParty(): Promise<{ rpID: string; origin: string }> {
  const configured = env().AUTH_URL;
  if (configured) {
    const url = new URL(configured);
    return { rpID: url.hostname, origin: url.origin };
  }
  const incoming = await headers();
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost";
  const protocol = incoming.get("x-forwarded-proto") ?? "http";
  const url = new URL(`${protocol}://${host}`);
  return { rpID: url.hostname, origin: url.origin };
}
