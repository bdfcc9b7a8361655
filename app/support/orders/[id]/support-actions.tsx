"use client";

import { useState } from "react";
import Link from "next/link";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { ActionForm } from "./action-form";
import { RefundForm } from "./refund-form";

export interface SupportActionsProps {
  orderId: string;
  version: number;
  status: OrderStatus;
  externalOrderNumber: string;
  allowed: { retry: boolean; markPlaced: boolean; cancel: boolean; reopen: boolean; refund: boolean };
}

/**
 * The actions support may take in the order's current state. The outcome notice lives here, not
 * in the form, so it is still announced when the form that caused it disappears (e.g. after a
 * retry places the order).
 */
export function SupportActions({
  orderId,
  version,
  status,
  externalOrderNumber,
  allowed,
}: SupportActionsProps) {
  const [notice, setNotice] = useState<string>();
  const common = { orderId, version, onDone: setNotice };
  const fon = externalOrderNumber;
  const reconciling = status === "NEEDS_RECONCILIATION" || status === "OUTCOME_UNKNOWN";
  const none = !allowed.retry && !allowed.markPlaced && !allowed.cancel && !allowed.reopen && !allowed.refund;

  return (
    <section aria-labelledby="actions-heading" className="mb-8">
      <h2 id="actions-heading" className="mb-2 text-lg font-semibold">
        Actions
      </h2>
      <div aria-live="polite">
        {notice ? (
          <p role="status" className="mb-3 rounded-md bg-green-50 p-3 text-sm text-green-900">
            {notice}
          </p>
        ) : null}
      </div>
      {status === "REJECTED" ? (
        <p className="mb-3 text-sm">
          <Link href={`/orders/${orderId}/edit`} className="text-brand-700 underline">
            Open {fon} in the order form
          </Link>{" "}
          to correct and resubmit it.
        </p>
      ) : null}
      {none ? (
        <p className="text-sm text-slate-600">No support action applies to an order in this state.</p>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        {allowed.retry ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <ActionForm
              {...common}
              kind="retry"
              heading="Retry the order"
              explanation={
                `Retries send the same external order number ${fon} with checkFONIsUnique=Y: Sectigo refuses it if ` +
                "the first attempt went through, so no second order can be placed. If Sectigo says the number was " +
                "already used, the order moves to reconciliation and you record its Sectigo order number."
              }
              submitLabel="Retry now"
            />
          </div>
        ) : null}
        {allowed.markPlaced ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <ActionForm
              {...common}
              kind="mark-placed"
              heading={reconciling ? "Record the Sectigo order number" : "Resolve: mark as placed"}
              explanation={
                `Look the order up at Sectigo by its external order number ${fon} first. Recording the number marks ` +
                "the order as placed in the portal; nothing is sent to Sectigo."
              }
              submitLabel="Mark as placed"
              variant="secondary"
            />
          </div>
        ) : null}
        {allowed.reopen ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <ActionForm
              {...common}
              kind="reopen"
              heading="Edit and resubmit"
              explanation={
                "Moves the order back to “Needs your correction” and opens it in the order form, where you correct " +
                `the input and send it again (still as ${fon}, with the uniqueness check). Your changes are recorded ` +
                "in the audit log."
              }
              submitLabel="Open for editing"
              variant="secondary"
            />
          </div>
        ) : null}
        {allowed.refund ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <RefundForm orderId={orderId} onDone={setNotice} />
          </div>
        ) : null}
        {allowed.cancel ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <ActionForm
              {...common}
              kind="cancel"
              heading="Resolve: cancel the order"
              explanation={
                "Cancels the order in the portal only; nothing is sent to Sectigo. If Sectigo may have the order " +
                `(look it up by ${fon}), cancel it there as well.`
              }
              submitLabel="Cancel order"
              variant="danger"
            />
          </div>
        ) : null}
      </div>
    </section>
  );
}
