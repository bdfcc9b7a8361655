// Sectigo's order status in words a customer understands, and what they should do now. Keyed
// by the portal keys of the registry's status list (lib/sectigo/after-ordering.ts); browser-safe.

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
