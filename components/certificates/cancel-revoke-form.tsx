"use client";

import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/actions";

interface Reason {
  code: number;
  label: string;
}

/**
 * Cancel a placed order or revoke an issued certificate: a reason, an optional note, and a
 * confirmation that says what it means, before the one request to Sectigo.
 */
export function CancelRevokeForm({
  orderId,
  kind,
  reasons,
  action,
}: {
  orderId: string;
  kind: "cancel" | "revoke";
  reasons: Reason[];
  action: (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const id = useId();
  const errors = state && !state.ok ? state.fieldErrors : {};
  const title = kind === "cancel" ? "Cancel this order" : "Revoke this certificate";
  const consequence =
    kind === "cancel"
      ? "Sectigo stops validating and the certificate will not be issued. Sectigo does not refund eIDAS orders automatically: our support team asks Sectigo for the refund."
      : "The certificate stops being trusted within hours and cannot be reinstated. A replacement is a new order, charged again.";
  if (state?.ok)
    return (
      <p role="status" className="mt-2 text-sm font-semibold">
        {state.message}
      </p>
    );
  return (
    <details className="mt-4 rounded-lg border border-red-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold text-red-900">{title}</summary>
      <form action={formAction} className="mt-3 space-y-3 text-sm" noValidate>
        <input type="hidden" name="orderId" value={orderId} />
        <p>{consequence}</p>
        <div>
          <label htmlFor={`${id}-reason`} className="block font-semibold">
            Reason
          </label>
          <select
            id={`${id}-reason`}
            name="reasonCode"
            defaultValue=""
            required
            aria-invalid={errors.reasonCode ? true : undefined}
            aria-describedby={errors.reasonCode ? `${id}-reason-error` : undefined}
            className="mt-1 w-full max-w-md rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="" disabled>
              Choose a reason
            </option>
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
          {errors.reasonCode ? (
            <p id={`${id}-reason-error`} className="mt-1 text-red-800">
              {errors.reasonCode[0]}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor={`${id}-text`} className="block font-semibold">
            Note for Sectigo (optional)
          </label>
          <textarea
            id={`${id}-text`}
            name="reasonText"
            maxLength={1024}
            rows={2}
            className="mt-1 w-full max-w-md rounded-md border border-slate-300 px-2 py-1.5"
          />
        </div>
        <div className="flex items-start gap-2">
          <input
            id={`${id}-confirm`}
            type="checkbox"
            name="confirm"
            value="yes"
            className="mt-1"
            aria-invalid={errors.confirm ? true : undefined}
            aria-describedby={errors.confirm ? `${id}-confirm-error` : undefined}
          />
          <label htmlFor={`${id}-confirm`}>
            {kind === "cancel"
              ? "I understand that the order is cancelled at Sectigo and cannot be resumed."
              : "I understand that the revocation is final."}
          </label>
        </div>
        {errors.confirm ? (
          <p id={`${id}-confirm-error`} className="text-red-800">
            {errors.confirm[0]}
          </p>
        ) : null}
        <p role="alert" className="text-red-800">
          {state && !state.ok ? state.message : ""}
        </p>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-red-700 px-3 py-1.5 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
        >
          {pending ? "Sending to Sectigo…" : title}
        </button>
      </form>
    </details>
  );
}
