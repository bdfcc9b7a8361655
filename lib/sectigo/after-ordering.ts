import { ENDPOINT_KEYS, ENDPOINTS, w, type EndpointDef, type Wire } from "./after-ordering-endpoints";
import type { Grade } from "./param-types";
import { getProduct, type ProductCode } from "./products";

// Every wire name, value and code of the endpoints used after !AutoApplyOrder (spec
// after-ordering.md), each with its evidence grade: this file and the endpoint table it
// re-exports (after-ordering-endpoints.ts). The one place to correct them: the client, the
// parsers and the sandbox CA all read it. Browser-safe.

export {
  ENDPOINT_KEYS,
  ENDPOINTS,
  REQUEST_VALUES,
  type AnswerFormat,
  type EndpointDef,
  type EndpointKey,
  type Wire,
} from "./after-ordering-endpoints";

/** `1_orderStatus`: the indexed keys of GetDetailedOrderStatus and GetMDCDomainDetails (B). */
export function indexedKey(index: number, name: string): string {
  return `${index}_${name}`;
}

/** Collection is CollectEIDAS for 777–782/786/787 (A); QWACs go to CollectSSL (C). */
export function collectEndpointFor(product: ProductCode): "collectEidas" | "collectSsl" {
  return getProduct(product)?.qwac ? "collectSsl" : "collectEidas";
}
export const COLLECT_SSL_FOR_QWACS_GRADE: Grade = "C";

// ---- Order status (§1) ----

export const CA_ORDER_STATUSES = [
  "current",
  "awaiting_payment",
  "payment_promised",
  "pending",
  "awaiting_authorization",
  "processed",
  "rejected",
  "refunded",
] as const;
export type CaOrderStatus = (typeof CA_ORDER_STATUSES)[number];

/** eIDAS order status strings (A, Sectigo's eIDAS getting-started page). */
export const ORDER_STATUS_WIRE: Readonly<Record<CaOrderStatus, Wire>> = {
  current: w("Current", "A"),
  awaiting_payment: w("Awaiting payment", "A"),
  payment_promised: w("Payment promised", "A"),
  pending: w("Pending", "A"),
  awaiting_authorization: w("Awaiting authorization", "A"),
  processed: w("Processed", "A"),
  rejected: w("Rejected", "A"),
  refunded: w("Refunded", "A"),
};

/** The portal key for a status string; case and spacing are not trusted. */
export function orderStatusFromWire(text: string): CaOrderStatus | "unknown" {
  const norm = text.trim().toLowerCase().replace(/\s+/g, " ");
  const hit = CA_ORDER_STATUSES.find((k) => ORDER_STATUS_WIRE[k].wire.toLowerCase() === norm);
  return hit ?? "unknown";
}

// ---- Push notifications (§3) ----

export const PUSH_PARAMS = {
  orderNumber: w("orderNumber", "A"),
  certificateId: w("certificateID", "A"),
  eventType: w("eventType", "A"),
  certificate: w("certificate", "A"),
  caCertificate: w("caCertificate", "A"),
  status: w("status", "A"),
  statusCode: w("statusCode", "A"),
  statusDesc: w("statusDesc", "A"),
  revocationReasonCode: w("revocationReasonCode", "A"),
} as const;

/** The eventType value of the certificate event; the spec names the event, not its value (C). */
export const PUSH_EVENT_CERTIFICATE = w("certificate", "C");

export type PushMeaning =
  | "failed_before_signing"
  | "failed_after_signing"
  | "issued"
  | "rejected"
  | "revoked"
  | "issued_not_collected"
  | "awaiting_brand_validation"
  | "replaced";

/** Push statusCode → meaning (A). */
export const PUSH_STATUS_CODES: Readonly<Record<number, { meaning: PushMeaning; grade: Grade }>> = {
  3: { meaning: "failed_before_signing", grade: "A" },
  5: { meaning: "failed_after_signing", grade: "A" },
  6: { meaning: "issued", grade: "A" },
  7: { meaning: "rejected", grade: "A" },
  8: { meaning: "revoked", grade: "A" },
  9: { meaning: "issued_not_collected", grade: "A" },
  12: { meaning: "awaiting_brand_validation", grade: "A" },
  14: { meaning: "replaced", grade: "A" },
};

export function pushStatusCode(meaning: PushMeaning): number {
  return Number(Object.entries(PUSH_STATUS_CODES).find(([, v]) => v.meaning === meaning)![0]);
}

/** Sectigo's push source address (A); a push is only a hint either way. */
export const PUSH_SOURCE_ADDRESS = "91.199.212.132";

// ---- Collection (§4) ----

export type CollectMeaning = "attached" | "available" | "processing" | "rejected" | "revoked";

/** Collect status codes (B). -26 also means still processing. */
export const COLLECT_CODES: Readonly<Record<number, { meaning: CollectMeaning; grade: Grade }>> = {
  2: { meaning: "attached", grade: "B" },
  1: { meaning: "available", grade: "B" },
  0: { meaning: "processing", grade: "B" },
  [-20]: { meaning: "rejected", grade: "B" },
  [-21]: { meaning: "revoked", grade: "B" },
  [-26]: { meaning: "processing", grade: "B" },
};

export function collectCode(meaning: CollectMeaning): number {
  return Number(Object.entries(COLLECT_CODES).find(([, v]) => v.meaning === meaning)![0]);
}

// ---- Revocation (§6) ----

export const REVOCATION_REASON_CODES = [0, 1, 3, 4, 5] as const;
export type RevocationReasonCode = (typeof REVOCATION_REASON_CODES)[number];

/** What the customer confirmed: cancel an order not yet issued, or revoke an issued certificate. */
export const REVOCATION_ACTIONS = ["cancel", "revoke"] as const;
export type RevocationAction = (typeof REVOCATION_ACTIONS)[number];

/**
 * codeReason values (B) with the words each action offers. Both go through !autoRevokeCertificate,
 * but a cancelled order never had a certificate: reasons about a certificate's key make no sense
 * there (keyCompromise is offered for revocations only).
 */
export const REVOCATION_REASONS: Readonly<
  Record<
    RevocationReasonCode,
    { name: string; grade: Grade; labels: Readonly<Partial<Record<RevocationAction, string>>> }
  >
> = {
  0: {
    name: "unspecified",
    grade: "B",
    labels: { cancel: "No particular reason", revoke: "No particular reason" },
  },
  1: { name: "keyCompromise", grade: "B", labels: { revoke: "The private key was lost or exposed" } },
  3: {
    name: "affiliationChanged",
    grade: "B",
    labels: {
      cancel: "The name or organization details ordered are wrong or have changed",
      revoke: "Name or organization details changed",
    },
  },
  4: {
    name: "superseded",
    grade: "B",
    labels: { cancel: "Ordered again: replaced by a new order", revoke: "Replaced by a new certificate" },
  },
  5: {
    name: "cessationOfOperation",
    grade: "B",
    labels: { cancel: "No longer needed", revoke: "No longer needed" },
  },
};

/** The reasons offered for one action, in the registry's order. */
export function revocationReasonsFor(
  action: RevocationAction,
): { code: RevocationReasonCode; label: string }[] {
  return REVOCATION_REASON_CODES.flatMap((code) => {
    const label = REVOCATION_REASONS[code].labels[action];
    return label ? [{ code, label }] : [];
  });
}

export function isRevocationReasonFor(action: RevocationAction, code: number): code is RevocationReasonCode {
  return revocationReasonsFor(action).some((r) => r.code === code);
}

/** Error codes of !autoRevokeCertificate (B). */
export const REVOKE_ERRORS = {
  alreadyRejected: { code: -20, grade: "B" },
  alreadyRevoked: { code: -21, grade: "B" },
  expired: { code: -35, grade: "B" },
} as const;

// ---- Domain control validation (§5) ----

export const DCV_METHODS = ["EMAIL", "HTTP_CSR_HASH", "HTTPS_CSR_HASH", "CNAME_CSR_HASH"] as const;
export type DcvMethod = (typeof DCV_METHODS)[number];
export const DCV_METHODS_GRADE: Grade = "A";

export function isDcvMethod(value: string): value is DcvMethod {
  return (DCV_METHODS as readonly string[]).includes(value);
}

/**
 * Each method in words, the one table every page and the timeline use: `choice` in the method
 * list, `words` in sentences ("… by a DNS CNAME record"). The order of the choices: preferred first
 * (e-mail last, discouraged since CA/B Forum ballot SC-090).
 */
export const DCV_METHOD_WORDS: Readonly<Record<DcvMethod, { choice: string; words: string }>> = {
  HTTP_CSR_HASH: { choice: "File on the web server (HTTP)", words: "a file on the web server (HTTP)" },
  HTTPS_CSR_HASH: { choice: "File on the web server (HTTPS)", words: "a file on the web server (HTTPS)" },
  CNAME_CSR_HASH: { choice: "DNS CNAME record", words: "a DNS CNAME record" },
  EMAIL: { choice: "E-mail to an address of the domain", words: "e-mail to an address of the domain" },
};

/** A method in words; an unknown one as sent. */
export function dcvMethodWords(method: string): string {
  return isDcvMethod(method) ? DCV_METHOD_WORDS[method].words : method;
}

export type DomainDcvStatus = "validated" | "pending" | "failed";

/** Per-domain dcvStatus values of !GetMDCDomainDetails; the spec gives none (C). */
export const DCV_STATUS_WIRE: Readonly<Record<DomainDcvStatus, Wire>> = {
  validated: w("Validated", "C"),
  pending: w("Awaiting Validation", "C"),
  failed: w("Validation Failed", "C"),
};

export function dcvStatusFromWire(text: string): DomainDcvStatus {
  const norm = text.trim().toLowerCase();
  if (norm === DCV_STATUS_WIRE.validated.wire.toLowerCase()) return "validated";
  if (norm === DCV_STATUS_WIRE.failed.wire.toLowerCase()) return "failed";
  return "pending";
}

/** The host in the DCV file and CNAME target; older clients use comodoca.com (C). */
export const DCV_HOST = w("sectigo.com", "C");
export const DCV_HOST_ALTERNATIVE = "comodoca.com";
export const DCV_FILE_DIRECTORY = "/.well-known/pki-validation/";

// ---- Validation checklist of !getPostPaymentStatus (§2) ----

export const CHECKLIST_STEPS = ["csr", "agreement", "callback", "organization"] as const;
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number];

/** The sub-object of `data` per checklist step (B). */
export const CHECKLIST_OBJECTS: Readonly<Record<ChecklistStep, Wire>> = {
  csr: w("csrStatus", "B"),
  agreement: w("agreementStatus", "B"),
  callback: w("callbackStatus", "B"),
  organization: w("organizationStatus", "B"),
};

export const STEP_STATES = ["done", "waiting_customer", "waiting_ca", "failed", "not_required"] as const;
export type StepState = (typeof STEP_STATES)[number];

/** The sub-objects' `status` values; the spec gives no list, these are Sectigo-style guesses (C). */
export const STEP_STATUS_WIRE: Readonly<Record<StepState, Wire>> = {
  done: w("Completed", "C"),
  waiting_customer: w("Awaiting Customer Action", "C"),
  waiting_ca: w("In Progress", "C"),
  failed: w("Failed", "C"),
  not_required: w("Not Required", "C"),
};

/** Unknown strings count as waiting for Sectigo: nothing for the customer to do that we know of. */
export function stepStateFromWire(text: string): StepState {
  const norm = text.trim().toLowerCase();
  return STEP_STATES.find((s) => STEP_STATUS_WIRE[s].wire.toLowerCase() === norm) ?? "waiting_ca";
}

// ---- Unconfirmed (grade C) names and values, listed in lib/sectigo/README.md ----

export interface UnconfirmedAfterOrdering {
  /** Where it is used: an endpoint key, or push / dcv / checklist. */
  where: string;
  key: string;
  wire: string;
}

function unconfirmed(): UnconfirmedAfterOrdering[] {
  const rows: UnconfirmedAfterOrdering[] = [];
  for (const endpoint of ENDPOINT_KEYS) {
    const def: EndpointDef = ENDPOINTS[endpoint];
    for (const [key, name] of [...Object.entries(def.request), ...Object.entries(def.response)]) {
      if (name.grade === "C") rows.push({ where: endpoint, key, wire: name.wire });
    }
  }
  if (COLLECT_SSL_FOR_QWACS_GRADE === "C") {
    rows.push({ where: "collectSsl", key: "qwacs", wire: ENDPOINTS.collectSsl.path });
  }
  if (PUSH_EVENT_CERTIFICATE.grade === "C") {
    rows.push({ where: "push", key: "eventType", wire: PUSH_EVENT_CERTIFICATE.wire });
  }
  for (const [key, name] of Object.entries(DCV_STATUS_WIRE)) {
    if (name.grade === "C") rows.push({ where: "domainDetails", key: `dcvStatus.${key}`, wire: name.wire });
  }
  for (const [key, name] of Object.entries(STEP_STATUS_WIRE)) {
    if (name.grade === "C") rows.push({ where: "postPaymentStatus", key: `status.${key}`, wire: name.wire });
  }
  if (DCV_HOST.grade === "C") rows.push({ where: "dcv", key: "host", wire: DCV_HOST.wire });
  return rows;
}

/** Every grade-C name or value after ordering: to be confirmed with Sectigo before go-live. */
export const UNCONFIRMED_AFTER_ORDERING: readonly UnconfirmedAfterOrdering[] = unconfirmed();
