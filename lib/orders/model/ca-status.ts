// Sectigo's order status in words a customer understands, and what they should do now. Keyed
// by the portal keys of the registry's status list (lib/sectigo/after-ordering.ts); browser-safe.
// Once the order has ended in the portal (cancelled, revoked, rejected), the portal's own final
// state is what the page says: Sectigo's last polled status would be stale (orderStatusWords).

export interface CaStatusWords {
  words: string;
  todo: string;
}

export const CA_STATUS_WORDS: Record<string, CaStatusWords> = {
  awaiting_payment: {
    words: "Waiting for payment at Sectigo",
    todo: "Nothing for you to do: our reseller account settles the payment; this usually takes less than a day.",
  },
  payment_promised: {
    words: "Payment arranged",
    todo: "Nothing for you to do: Sectigo starts validation once the payment is recorded.",
  },
  pending: {
    words: "Sectigo is validating the order",
    todo: "Follow the checklist below: items marked “Waiting for you” need you; the rest is Sectigo's work.",
  },
  awaiting_authorization: {
    words: "Waiting for authorisation",
    todo: "Sectigo waits for the applicant or the organization's representative to confirm the order: see the checklist.",
  },
  processed: {
    words: "Validated, certificate being issued",
    todo: "Nothing for you to do: the portal collects the certificate as soon as Sectigo has issued it.",
  },
  current: {
    words: "Certificate issued",
    todo: "Download the certificate below and install it.",
  },
  rejected: {
    words: "Rejected by Sectigo",
    todo: "Sectigo did not issue the certificate. Contact support to find out why and to order again.",
  },
  refunded: {
    words: "Refunded",
    todo: "The order was cancelled and refunded at Sectigo.",
  },
};

const UNKNOWN: CaStatusWords = {
  words: "Waiting for Sectigo's first answer",
  todo: "The portal asks Sectigo for the status regularly; this page shows it as soon as it is known.",
};

export function caStatusWords(key: string | null | undefined): CaStatusWords {
  return (key && CA_STATUS_WORDS[key]) || UNKNOWN;
}

/** The portal's final states: nothing more happens at Sectigo for these orders. */
export const FINAL_AFTER_PLACING = ["CANCELLED", "REVOKED", "CA_REJECTED"] as const;
export type FinalAfterPlacing = (typeof FINAL_AFTER_PLACING)[number];

export function isFinalAfterPlacing(status: string): status is FinalAfterPlacing {
  return (FINAL_AFTER_PLACING as readonly string[]).includes(status);
}

const FINAL_WORDS: Record<FinalAfterPlacing, CaStatusWords> = {
  CANCELLED: {
    words: "Cancelled at Sectigo",
    todo: "Sectigo stopped validating the order; no certificate will be issued. Nothing more is needed from you.",
  },
  REVOKED: {
    words: "Certificate revoked",
    todo: "Sectigo revoked the certificate: relying parties no longer trust it. Do not install or use it; a replacement is a new order.",
  },
  CA_REJECTED: {
    words: "Rejected by Sectigo",
    todo: "Sectigo did not issue the certificate. Contact support to find out why and to order again.",
  },
};

const TOKEN_ISSUED: CaStatusWords = {
  words: "Certificate issued",
  todo: "The key and the certificate are on the token Sectigo ships to you: there is nothing to download and install. See “Your token” below for the shipping status and what to do when it arrives.",
};

/**
 * What the order page says about the order at Sectigo: the portal's final state once there is
 * one, else Sectigo's last status; token orders are not told to install a file.
 */
export function orderStatusWords(
  status: string,
  caStatus: string | null | undefined,
  opts: { token: boolean },
): CaStatusWords {
  if (isFinalAfterPlacing(status)) return FINAL_WORDS[status];
  const key = status === "ISSUED" ? "current" : caStatus;
  if (key === "current" && opts.token) return TOKEN_ISSUED;
  return caStatusWords(key);
}
