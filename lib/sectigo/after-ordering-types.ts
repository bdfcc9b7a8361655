import type {
  CaOrderStatus,
  DcvMethod,
  DomainDcvStatus,
  RevocationReasonCode,
  StepState,
} from "./after-ordering";

// The shapes the client's after-ordering calls return (lib/sectigo/after-ordering-client.ts).
// Browser-safe, so pages and the portal's own records can share them.

/** One call to Sectigo after ordering. Never thrown, never retried by the client. */
export type CaCall<T> =
  | { kind: "ok"; value: T; durationMs: number; rawBody: string }
  | { kind: "ca-error"; code: number; message: string; durationMs: number; rawBody: string }
  | {
      kind: "transport";
      reason: "timeout" | "network" | "http-status" | "unparseable" | "aborted";
      message: string;
      durationMs: number;
    };

export interface DetailedStatus {
  orderNumber: string;
  status: CaOrderStatus | "unknown";
  /** Sectigo's status string as sent. */
  statusText: string;
  certificateId?: string;
  /** ISO 8601. */
  validFrom?: string;
  validTo?: string;
  /** Token orders once shipped. Sectigo's answer names no carrier, so none is kept. */
  shipping?: { trackingId?: string };
}

export type ChecklistStepKey = "csr" | "agreement" | "callback" | "organization";

export interface ChecklistItem {
  state: StepState;
  title: string;
  description: string;
  /** The `status` string as sent. */
  wireStatus: string;
}

export interface PostPaymentStatus {
  orderStatus: string;
  uploadDocumentUrl?: string;
  uploadDocumentToken?: string;
  steps: Partial<Record<ChecklistStepKey, ChecklistItem>>;
}

export type Collection =
  | { state: "issued"; certificatePem: string; chainPem: string[] }
  | { state: "processing" }
  | { state: "rejected" }
  | { state: "revoked" };

export interface DomainDetail {
  domainName: string;
  method: DcvMethod;
  status: DomainDcvStatus;
  wireStatus: string;
}

export interface DcvChange {
  domainName: string;
  method: DcvMethod;
  email?: string;
}

export interface RevocationRequest {
  code: RevocationReasonCode;
  text: string;
}

export interface CaCallOptions {
  signal?: AbortSignal;
}
