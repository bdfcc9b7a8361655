import type { LinkState } from "@/lib/users/tokens";
import { LINK_MALFORMED } from "@/lib/users/tokens";

/** What a confirmation link that cannot change the address shows, on the page and after the click. */
export function deadLinkMessage(link: LinkState): string {
  if (link.state === "malformed") return LINK_MALFORMED;
  if (link.state === "used") {
    return `This link was used already: your account's e-mail address was changed to ${link.newEmail}. Sign in with that address.`;
  }
  // Expired or replaced (or used and then replaced by a newer request: the portal cannot tell).
  return "This link does not work any more: it expired, or a newer one was sent. Check your e-mail address on your account page and ask for the change again there if it is not the one you want.";
}
