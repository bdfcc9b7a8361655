"use client";

import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/actions";

/** "Renew": a new order prefilled from this one; a new key unless the customer insists. */
export function RenewForm({
  orderId,
  action,
}: {
  orderId: string;
  action: (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const id = useId();
  return (
    <section
      id="renew"
      aria-labelledby={`${id}-heading`}
      className="mt-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${id}-heading`} className="font-semibold">
        Renew this certificate
      </h2>
      <p className="mt-1 text-sm">
        Starts a new order with the same details, ready to check and send. The new certificate is a new, paid
        order; this one stays valid until it expires.
      </p>
      <form action={formAction} className="mt-3 space-y-2 text-sm">
        <input type="hidden" name="orderId" value={orderId} />
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
        <p role="alert" className="text-red-800">
          {state && !state.ok ? state.message : ""}
        </p>
        <button
          type="submit"
          disabled={pending}
          className="bg-brand-600 hover:bg-brand-700 rounded-md px-3 py-1.5 font-semibold text-white disabled:opacity-60"
        >
          {pending ? "Preparing…" : "Start the renewal"}
        </button>
      </form>
    </section>
  );
}
