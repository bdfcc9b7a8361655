import type { Role } from "@/lib/generated/prisma/enums";

// The kinds of mail a user may turn off (each optional template names one), and those that
// always go out, in the words the preferences pages show. Browser-safe: the forms import it.

export const OPTIONAL_KINDS = {
  "order-updates": {
    label: "Order progress",
    hint: "When an order is placed at Sectigo, delayed, or cancelled.",
    roles: ["CUSTOMER", "SUPPORT", "ADMIN"],
  },
  "expiry-reminders": {
    label: "Expiry reminders",
    hint: "90, 60, 30, 7 and 1 days before a certificate expires, and on the day it does.",
    roles: ["CUSTOMER", "SUPPORT", "ADMIN"],
  },
  "support-alerts": {
    label: "Support queue alerts",
    hint: "When an order enters the support queue.",
    roles: ["SUPPORT"],
  },
} as const satisfies Record<string, { label: string; hint: string; roles: readonly Role[] }>;

export type OptionalKind = keyof typeof OPTIONAL_KINDS;

export const OPTIONAL_KIND_NAMES = Object.keys(OPTIONAL_KINDS) as OptionalKind[];

export function isOptionalKind(value: string): value is OptionalKind {
  return Object.hasOwn(OPTIONAL_KINDS, value);
}

/** The kinds `role` gets at all (and so may turn off). */
export function kindsFor(role: Role): OptionalKind[] {
  return OPTIONAL_KIND_NAMES.filter((kind) => (OPTIONAL_KINDS[kind].roles as readonly Role[]).includes(role));
}

/** Always sent: an order cannot go on, or a certificate is affected, without the customer knowing. */
export const ALWAYS_SENT = [
  "An order needs something from you",
  "A certificate was issued",
  "An order was rejected or could not be placed",
  "A certificate was revoked",
  "Your account's security (address confirmation, password reset)",
];

export const LANGUAGES = [{ value: "en", label: "English" }] as const;
