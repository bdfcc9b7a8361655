import type { OrderStatus } from "@/lib/generated/prisma/enums";

/** Customer-facing label and badge colour of each lifecycle state. */
export const STATUS_LABELS: Record<
  OrderStatus,
  { label: string; tone: "neutral" | "progress" | "good" | "warn" | "bad" }
> = {
  DRAFT: { label: "Draft", tone: "neutral" },
  AWAITING_APPROVAL: { label: "Awaiting approval", tone: "progress" },
  SUBMITTING: { label: "Submitting", tone: "progress" },
  PLACED: { label: "Placed at Sectigo", tone: "good" },
  NEEDS_RECONCILIATION: { label: "Placed, being checked", tone: "warn" },
  REJECTED: { label: "Needs your correction", tone: "bad" },
  ACCOUNT_PROBLEM: { label: "On hold (account)", tone: "warn" },
  RETRY_SCHEDULED: { label: "Retrying", tone: "progress" },
  FAILED_TRANSIENT: { label: "With support", tone: "warn" },
  OUTCOME_UNKNOWN: { label: "Being checked", tone: "warn" },
  NEEDS_REVIEW: { label: "With support", tone: "warn" },
  CANCELLED: { label: "Cancelled", tone: "neutral" },
  ISSUED: { label: "Issued", tone: "good" },
  CA_REJECTED: { label: "Rejected by Sectigo", tone: "bad" },
  REVOKED: { label: "Revoked", tone: "neutral" },
};

const toneClasses = {
  neutral: "bg-slate-100 text-slate-800",
  progress: "bg-blue-100 text-blue-900",
  good: "bg-green-100 text-green-900",
  warn: "bg-amber-100 text-amber-900",
  bad: "bg-red-100 text-red-900",
} as const;

export function statusBadgeClass(status: OrderStatus): string {
  return toneClasses[STATUS_LABELS[status].tone];
}
