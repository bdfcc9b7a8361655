"use client";

import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/actions";

/**
 * "Renew": a new order prefilled from this one; a new key unless the customer insists. Worded
 * for the order's state: a revoked certificate is replaced (its key is not reused), and a token
 * order's key is made by Sectigo on the new token, so there is no key to choose.
 */
export function RenewForm({
  orderId,
  status,
  token,
  action,
}: {
  orderId: string;
  status: "ISSUED" | "REVOKED";
  token: boolean;
  action: (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const id = useId();
  const revoked = status === "REVOKED";
  const choice = !token && !revoked;
  return (
    <section
      id="renew"
      aria-labelledby={`${id}-heading`}
      className="mt-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${id}-heading`} className="font-semibold">
        {revoked ? "Replace this certificate" : "Renew this certificate"}
      </h2>
      <p className="mt-1 text-sm">
        Starts a new order with the same details, ready to check and send. The new certificate is a new, paid
        order;{" "}
        {revoked
          ? "the revoked one stays revoked and cannot be used in the meantime."
          : "this one stays valid until it expires (or until you revoke it)."}
      </p>
      {token ? (
        <p className="mt-1 text-sm">
          As for this order, Sectigo makes the new key on a new token and ships it to you: there is no key of
          yours to keep or reuse. The order form still asks for a certificate request (CSR), as
          Sectigo&rsquo;s order requires one.
        </p>
      ) : revoked ? (
        <p className="mt-1 text-sm">
          A revoked certificate&rsquo;s key is not certified again: the order form asks for a new key and CSR.
        </p>
      ) : null}
      <form action={formAction} className="mt-3 space-y-2 text-sm">
        <input type="hidden" name="orderId" value={orderId} />
        {choice ? null : <input type="hidden" name="key" value="new" />}
        {choice ? (
          <fieldset>
            <legend className="font-semibold">Key</legend>
            <label className="mt-1 flex items-start gap-2">
              <input type="radio" name="key" value="new" defaultChecked className="mt-1" />
              <span>Make a new key and CSR (recommended)</span>
            </label>
            <label className="mt-1 flex items-start gap-2">
              <input
                type="radio"
                name="key"
                value="reuse"
                className="mt-1"
                aria-describedby={`${id}-reuse-warning`}
              />
              <span>
                Reuse the current key and CSR
                <span id={`${id}-reuse-warning`} className="block text-slate-600">
                  Not recommended: a key used for years has had years to leak, and if it ever was exposed the
                  new certificate is exposed too. Sectigo may also refuse a CSR it has already certified.
                </span>
              </span>
            </label>
          </fieldset>
        ) : null}
        <p role="alert" className="text-red-800">
          {state && !state.ok ? state.message : ""}
        </p>
        <button
          type="submit"
          disabled={pending}
          className="bg-brand-600 hover:bg-brand-700 rounded-md px-3 py-1.5 font-semibold text-white disabled:opacity-60"
        >
          {pending ? "Preparing…" : revoked ? "Start the replacement" : "Start the renewal"}
        </button>
      </form>
    </section>
  );
}
