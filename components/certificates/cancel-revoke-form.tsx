"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/actions";
import { revocationReasonsFor } from "@/lib/sectigo/after-ordering";

/**
 * Cancel a placed order or revoke an issued certificate: a reason that fits the action, an
 * optional note, and a confirmation that says what it means, before the one request to Sectigo.
 * The confirmed action is sent with the request: the server refuses it if the order moved on.
 */
export function CancelRevokeForm({
  orderId,
  kind,
  test,
  action,
}: {
  orderId: string;
  kind: "cancel" | "revoke";
  /** A test order: nothing was charged, so there is no refund to speak of. */
  test?: boolean;
  action: (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const [submittedAs, setSubmittedAs] = useState(kind);
  const router = useRouter();
  const id = useId();
  const reasonRef = useRef<HTMLSelectElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  // The order moved on since the page was loaded (e.g. issued while "Cancel" was open): the
  // server refused, nothing was sent. Reload the page so the action that now fits is offered,
  // and keep the explanation above it.
  const overtaken = state && !state.ok && state.code === "conflict" ? state.message : null;
  const stale = overtaken !== null && submittedAs !== kind;
  const errors = state && !state.ok && !stale ? state.fieldErrors : {};
  useEffect(() => {
    if (!state || state.ok) return;
    if (state.code === "conflict") router.refresh();
    if (state.fieldErrors.reasonCode) reasonRef.current?.focus();
    else if (state.fieldErrors.confirm) confirmRef.current?.focus();
  }, [state, router]);
  const reasons = revocationReasonsFor(kind);
  const title = kind === "cancel" ? "Cancel this order" : "Revoke this certificate";
  const consequence =
    kind === "cancel"
      ? test
        ? "Sectigo stops validating and the certificate will not be issued. This is a test order: nothing was charged."
        : "Sectigo stops validating and the certificate will not be issued. Sectigo has no automatic refund for eIDAS orders: our support team asks Sectigo's support for one and records the answer on this page. Sectigo decides; a refund is not guaranteed."
      : "The certificate stops being trusted within hours and cannot be reinstated. A replacement is a new order, charged again.";
  if (state?.ok)
    return (
      <p role="status" className="mt-2 text-sm font-semibold">
        {state.message}
      </p>
    );
  return (
    <>
      {stale ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          {overtaken}
        </p>
      ) : null}
      <details key={kind} className="mt-4 rounded-lg border border-red-200 bg-white p-4">
        <summary className="cursor-pointer font-semibold text-red-900">{title}</summary>
        <form
          action={formAction}
          onSubmit={() => setSubmittedAs(kind)}
          className="mt-3 space-y-3 text-sm"
          noValidate
        >
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="action" value={kind} />
          <p>{consequence}</p>
          <div>
            <label htmlFor={`${id}-reason`} className="block font-semibold">
              Reason
            </label>
            <select
              id={`${id}-reason`}
              ref={reasonRef}
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
              ref={confirmRef}
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
            {state && !state.ok && !stale ? state.message : ""}
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
    </>
  );
}
