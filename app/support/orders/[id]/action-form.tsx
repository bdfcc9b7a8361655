"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ReasonField } from "./reason-field";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import type { ActionState } from "@/lib/actions";
import {
  reasonSchema,
  sectigoOrderNumberSchema,
  type SupportAction,
} from "@/lib/orders/model/support-schemas";
import { z } from "zod";
import { cancelOrderAction, markPlacedAction, reopenOrderAction, retryOrderAction } from "../../actions";

const ACTIONS: Record<SupportAction, (prev: ActionState | undefined, raw: unknown) => Promise<ActionState>> =
  {
    retry: retryOrderAction,
    "mark-placed": markPlacedAction,
    cancel: cancelOrderAction,
    reopen: reopenOrderAction,
  };

// The form holds only what the agent types; the order and the version they saw are props.
const reasonOnly = z.object({ reason: reasonSchema });
const withSectigoNumber = z.object({ reason: reasonSchema, sectigoOrderNumber: sectigoOrderNumberSchema });
type Values = { reason: string; sectigoOrderNumber?: string };

export interface ActionFormProps {
  kind: SupportAction;
  orderId: string;
  version: number;
  heading: string;
  /** What will happen, in plain words, shown before the agent confirms. */
  explanation: string;
  submitLabel: string;
  variant?: "primary" | "secondary" | "danger";
  onDone(message: string): void;
}

export function ActionForm({
  kind,
  orderId,
  version,
  heading,
  explanation,
  submitLabel,
  variant,
  onDone,
}: ActionFormProps) {
  const id = `support-${kind}`;
  const needsNumber = kind === "mark-placed";
  const form = useForm<Values>({
    resolver: zodResolver(needsNumber ? withSectigoNumber : reasonOnly),
    defaultValues: needsNumber ? { reason: "", sectigoOrderNumber: "" } : { reason: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    startTransition(async () => {
      const result = await ACTIONS[kind](undefined, { ...values, orderId, version });
      if (result.ok) {
        form.reset();
        onDone(result.message ?? "Done.");
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  const items = summaryItems(errors).map((i) => ({ ...i, field: `${id}-${i.field}` }));
  const reasonError = errors.reason?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`} className="space-y-3">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {heading}
      </h3>
      <p id={`${id}-explanation`} className="text-sm text-slate-700">
        {explanation}
      </p>
      <ErrorSummary items={items} message={serverMessage} />
      {needsNumber ? (
        <TextField
          id={`${id}-sectigoOrderNumber`}
          label="Sectigo order number"
          hint="As shown at Sectigo for this external order number; digits only."
          inputMode="numeric"
          autoComplete="off"
          required
          error={errors.sectigoOrderNumber?.message}
          {...form.register("sectigoOrderNumber")}
        />
      ) : null}
      <ReasonField
        id={id}
        hint="At least 5 characters; kept in the audit log with your name."
        error={reasonError}
        describedBy={`${id}-explanation`}
        field={form.register("reason")}
      />
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? "Working…" : submitLabel}
      </Button>
    </form>
  );
}
