// Demo mode only: the authenticator key of the seeded support and admin accounts, so the demo can
// be tried at once (add it to an app, or compute codes in tests). It is as public as the demo
// password; outside demo mode no account is seeded and staff set up their own factor.
export const DEMO_STAFF_TOTP_SECRET = "DEMOSTAFFTOTPKEYFORTHEPORTALDEMO";
