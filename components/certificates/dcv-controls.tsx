"use client";

import { useActionState, useId, useState } from "react";
import type { ActionState } from "@/lib/actions";
import { DCV_METHOD_WORDS, type DcvMethod } from "@/lib/sectigo/after-ordering";

type Action = (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;

const METHODS = (Object.keys(DCV_METHOD_WORDS) as DcvMethod[]).map((value) => ({
  value,
  label: DCV_METHOD_WORDS[value].choice,
}));

function Answer({ state }: { state: ActionState | undefined }) {
  return (
    <p
      role="status"
      aria-live="polite"
      className={`text-sm ${state && !state.ok ? "text-red-800" : "text-green-900"}`}
    >
      {state?.message ?? ""}
    </p>
  );
}

/** Per domain: check the published file now, switch method, resend the e-mail. */
export function DcvControls({
  orderId,
  domainName,
  method,
  addresses,
  actions,
}: {
  orderId: string;
  domainName: string;
  method: string;
  addresses: string[];
  actions: { change: Action; resend: Action; check: Action };
}) {
  const id = useId();
  const [checkState, check, checking] = useActionState(actions.check, undefined);
  const [changeState, change, changing] = useActionState(actions.change, undefined);
  const [resendState, resend, resending] = useActionState(actions.resend, undefined);
  const [chosen, setChosen] = useState(method);
  const emailError = changeState && !changeState.ok ? changeState.fieldErrors.email?.[0] : undefined;
  return (
    <div className="mt-3 space-y-3 border-t border-slate-100 pt-3">
      {method === "HTTP_CSR_HASH" || method === "HTTPS_CSR_HASH" ? (
        <form action={check} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="domainName" value={domainName} />
          <button
            type="submit"
            disabled={checking}
            className="rounded border border-slate-300 px-2 py-1 text-xs font-semibold hover:bg-slate-50 disabled:opacity-60"
          >
            {checking ? "Checking…" : `Check ${domainName} now`}
          </button>
          <Answer state={checkState} />
        </form>
      ) : null}
      {method === "EMAIL" ? (
        <form action={resend} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="domainName" value={domainName} />
          <button
            type="submit"
            disabled={resending}
            className="rounded border border-slate-300 px-2 py-1 text-xs font-semibold hover:bg-slate-50 disabled:opacity-60"
          >
            {resending ? "Sending…" : "Send the validation e-mail again"}
          </button>
          <Answer state={resendState} />
        </form>
      ) : null}
      <details>
        <summary className="cursor-pointer text-sm font-semibold">Use another validation method</summary>
        <form action={change} className="mt-2 space-y-2 text-sm">
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="domainName" value={domainName} />
          <div>
            <label htmlFor={`${id}-method`} className="block font-semibold">
              Method for {domainName}
            </label>
            <select
              id={`${id}-method`}
              name="method"
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
              className="mt-1 rounded-md border border-slate-300 px-2 py-1.5"
            >
              {METHODS.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          {chosen === "EMAIL" ? (
            <div>
              <label htmlFor={`${id}-email`} className="block font-semibold">
                Address Sectigo writes to
              </label>
              <select
                id={`${id}-email`}
                name="email"
                defaultValue=""
                aria-invalid={emailError ? true : undefined}
                aria-describedby={emailError ? `${id}-email-error` : undefined}
                className="mt-1 rounded-md border border-slate-300 px-2 py-1.5"
              >
                <option value="" disabled>
                  Choose an address
                </option>
                {addresses.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
              {emailError ? (
                <p id={`${id}-email-error`} className="mt-1 text-red-800">
                  {emailError}
                </p>
              ) : null}
            </div>
          ) : null}
          <button
            type="submit"
            disabled={changing || chosen === method}
            className="rounded-md border border-slate-300 px-3 py-1.5 font-semibold hover:bg-slate-50 disabled:opacity-60"
          >
            {changing ? "Asking Sectigo…" : "Change method"}
          </button>
          <Answer state={changeState} />
        </form>
      </details>
    </div>
  );
}
