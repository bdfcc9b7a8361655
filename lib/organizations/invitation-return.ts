// Where a person who signs up from an invitation comes back to once they confirm their address:
// the invitation page, and nothing else (no open redirect through the sign-up or the mail's link).
// Browser-safe: the sign-up form, the server and the confirmation page use it.

const INVITATION_PATH = /^\/invitation\?token=[A-Za-z0-9_-]{20,100}$/;

/**
 * The invited address the invitation page passes to sign-up and sign-in (`email=`), to fill in
 * the form: an address-shaped string, else nothing (the form starts empty as usual).
 */
export function invitedAddress(value: unknown): string {
  return typeof value === "string" && value.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(value) ? value : "";
}

/** The invitation page's path when `value` is exactly one; null for anything else. */
export function invitationReturnPath(value: unknown): string | null {
  return typeof value === "string" && INVITATION_PATH.test(value) ? value : null;
}
