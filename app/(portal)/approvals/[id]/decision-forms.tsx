"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { LiveStatus } from "@/components/ui/live-status";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { REJECTION_REASON_MAX, rejectionReasonSchema } from "@/lib/orders/approval/schemas";
import { approveOrderAction, rejectOrderAction } from "../actions";

const rejectForm = z.object({ reason: rejectionReasonSchema });
type RejectValues = z.infer<typeof rejectForm>;

/**
 * Approve or reject, at the version the approver is looking at. Once either succeeds (or the
 * server says someone else decided), both forms give way to the answer: no second click.
 */
export function DecisionForms({
  orderId,
  version,
  mayApprove,
}: {
  orderId: string;
  version: number;
  mayApprove: boolean;
}) {
  const [done, setDone] = useState<string>();
  const [approveError, setApproveError] = useState<string>();
  const [rejectError, setRejectError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<RejectValues>({ resolver: zodResolver(rejectForm), defaultValues: { reason: "" } });
  const { errors } = form.formState;

  function approve() {
    setApproveError(undefined);
    startTransition(async () => {
      const result = await approveOrderAction(undefined, { orderId, version });
      if (result.ok) setDone(result.message);
      else setApproveError(result.message);
    });
  }

  const reject = form.handleSubmit((values) => {
    setRejectError(undefined);
    startTransition(async () => {
      const result = await rejectOrderAction(undefined, { orderId, version, reason: values.reason });
      if (result.ok) setDone(result.message);
      else {
        setRejectError(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  if (done) return <LiveStatus message={done} />;
  const reasonError = errors.reason?.message;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby="approve-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="approve-heading" className="font-semibold">
          Approve
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          The order is sent to Sectigo at once, exactly as shown above, and may be charged.
        </p>
        <div aria-live="assertive" className="mt-2">
          {approveError ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              {approveError}
            </p>
          ) : null}
        </div>
        {mayApprove ? (
          <Button type="button" className="mt-3" disabled={pending} onClick={approve}>
            {pending ? "Working…" : "Approve and send to Sectigo"}
          </Button>
        ) : (
          <p className="mt-3 text-sm text-slate-700">
            You requested this order yourself: another approver of the organization must approve it.
          </p>
        )}
      </section>
      <section aria-labelledby="reject-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <form onSubmit={reject} noValidate aria-labelledby="reject-heading" className="space-y-3">
          <h2 id="reject-heading" className="font-semibold">
            Reject
          </h2>
          <ErrorSummary items={summaryItems(errors)} message={rejectError} />
          <div>
            <label htmlFor="reason" className="block text-sm font-medium text-slate-800">
              Reason
            </label>
            <p id="reason-hint" className="mt-0.5 text-xs text-slate-600">
              The requester reads it in the e-mail and on the order (at most {REJECTION_REASON_MAX}{" "}
              characters).
            </p>
            <textarea
              id="reason"
              rows={3}
              required
              maxLength={REJECTION_REASON_MAX}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={["reason-hint", reasonError ? "reason-error" : null]
                .filter(Boolean)
                .join(" ")}
              className={`focus:border-brand-600 mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${
                reasonError ? "border-red-600" : "border-slate-300"
              }`}
              {...form.register("reason")}
            />
            {reasonError ? (
              <p id="reason-error" className="mt-1 text-sm text-red-700">
                {reasonError}
              </p>
            ) : null}
          </div>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Working…" : "Reject"}
          </Button>
        </form>
      </section>
    </div>
  );
}
