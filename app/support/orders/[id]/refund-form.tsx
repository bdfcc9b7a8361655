"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { ReasonField } from "./reason-field";
import { ErrorSummary } from "@/components/ui/error-summary";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { REFUND_OUTCOMES } from "@/lib/orders/model/refund";
import { reasonSchema } from "@/lib/orders/model/support-schemas";
import { recordRefundAction } from "../../actions";

// The form holds what the agent chooses and types; the order is a prop.
const schema = z.object({
  outcome: z.enum(REFUND_OUTCOMES, { message: "Choose what Sectigo answered." }),
  reason: reasonSchema,
});
type Values = z.input<typeof schema>;

const OUTCOME_LABELS: Record<(typeof REFUND_OUTCOMES)[number], string> = {
  refunded: "Sectigo refunded the order",
  declined: "Sectigo declined the refund",
};

/** Records Sectigo's answer to the refund of an order cancelled at Sectigo (once, audited). */
export function RefundForm({ orderId, onDone }: { orderId: string; onDone(message: string): void }) {
  const id = "support-refund";
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { reason: "" } });
  const [serverMessage, setServerMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    startTransition(async () => {
      const result = await recordRefundAction(undefined, { ...values, orderId });
      if (result.ok) {
        form.reset();
        onDone(result.message ?? "Recorded.");
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  const items = summaryItems(errors).map((i) => ({ ...i, field: `${id}-${i.field}` }));
  const outcomeError = errors.outcome?.message;
  const reasonError = errors.reason?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`} className="space-y-3">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        Record the refund
      </h3>
      <p id={`${id}-explanation`} className="text-sm text-slate-700">
        The customer cancelled this order at Sectigo. Sectigo has no refund call for eIDAS orders: ask
        Sectigo&rsquo;s support for the refund, then record its answer here. The customer sees the outcome on
        the order page; nothing is sent to Sectigo from here.
      </p>
      <ErrorSummary items={items} message={serverMessage} />
      <fieldset aria-describedby={outcomeError ? `${id}-outcome-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Sectigo&rsquo;s answer</legend>
        {REFUND_OUTCOMES.map((outcome, i) => (
          <label key={outcome} className="mt-1 flex items-center gap-2 text-sm">
            <input
              type="radio"
              id={i === 0 ? `${id}-outcome` : undefined}
              value={outcome}
              {...form.register("outcome")}
            />
            {OUTCOME_LABELS[outcome]}
          </label>
        ))}
        {outcomeError ? (
          <p id={`${id}-outcome-error`} className="mt-1 text-sm text-red-700">
            {outcomeError}
          </p>
        ) : null}
      </fieldset>
      <ReasonField
        id={id}
        hint="E.g. Sectigo’s ticket number. At least 5 characters; kept in the audit log with your name."
        error={reasonError}
        describedBy={`${id}-explanation`}
        field={form.register("reason")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Working…" : "Record the refund"}
      </Button>
    </form>
  );
}
