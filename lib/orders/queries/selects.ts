import type { Prisma } from "@/lib/generated/prisma/client";

// Prisma select fragments the read models share, so that one audience's page cannot drift from
// another's. Each read model still adds only the fields its audience may see.

/** An order as a list row: what every audience may see of any order it may see. */
export const ORDER_ROW = {
  id: true,
  externalOrderNumber: true,
  sectigoOrderNumber: true,
  productCode: true,
  status: true,
  organizationName: true,
  commonName: true,
  test: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.OrderSelect;

/** Why the last send failed, as the staff pages show it. */
export const FAILURE_DETAIL = {
  failureClass: true,
  failureCode: true,
  failureMessage: true,
  failureField: true,
} as const satisfies Prisma.OrderSelect;

/**
 * Every attempt with the request as stored and the raw answer, for staff. Both hold what the CA
 * was sent and said: a read model selecting this passes each attempt through scrubAttempt.
 */
export const STAFF_ATTEMPTS = {
  orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  select: {
    id: true,
    trigger: true,
    outcome: true,
    httpStatus: true,
    errorCode: true,
    errorClass: true,
    message: true,
    durationMs: true,
    request: true,
    responseBody: true,
    startedAt: true,
    finishedAt: true,
    triggeredBy: { select: { email: true } },
  },
} as const satisfies Prisma.Order$attemptsArgs;

/** The order's audit trail, oldest first; details pass through scrubAuditEvent. */
export const ORDER_AUDIT_TRAIL = {
  orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  select: {
    id: true,
    action: true,
    reason: true,
    details: true,
    createdAt: true,
    actor: { select: { email: true } },
  },
} as const satisfies Prisma.Order$auditEventsArgs;

/**
 * What the status job learnt and the certificate, for every audience that sees the order; read
 * through trackingView (queries/tracking-view.ts), which describes the certificate from its PEM.
 * Never the last technical error (staff read models add it).
 */
export const TRACKING_VIEW = {
  input: true,
  uniqueValue: true,
  tracking: {
    select: {
      caStatus: true,
      caStatusText: true,
      checklist: true,
      domains: true,
      uploadUrl: true,
      uploadToken: true,
      trackingNumber: true,
      lastCheckedAt: true,
      nextCheckAt: true,
      revocationRequestedAt: true,
      revocationOutcome: true,
      refundState: true,
      refundRecordedAt: true,
    },
  },
  certificate: {
    select: {
      serialNumber: true,
      subject: true,
      issuer: true,
      notBefore: true,
      notAfter: true,
      sha256: true,
      collectedAt: true,
      certificatePem: true,
      chainPem: true,
    },
  },
  events: {
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { id: true, at: true, kind: true, summary: true },
  },
} as const satisfies Prisma.OrderSelect;

/** The tracking row with what staff also see: the last technical problem and the failure count. */
export const STAFF_TRACKING = {
  select: {
    ...TRACKING_VIEW.tracking.select,
    lastError: true,
    checkFailures: true,
    revocationCode: true,
    revocationText: true,
  },
} as const satisfies Prisma.OrderTrackingDefaultArgs;

/** One attempt as STAFF_ATTEMPTS selects it (scrubbed by the read model that returns it). */
export type StaffAttempt = Prisma.OrderAttemptGetPayload<{ select: typeof STAFF_ATTEMPTS.select }>;
