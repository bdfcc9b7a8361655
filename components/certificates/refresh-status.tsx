"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";

/** "Refresh now": asks Sectigo about the order at once; the answer is announced. */
export function RefreshStatus({
  orderId,
  action,
}: {
  orderId: string;
  action: (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="mt-3 flex flex-wrap items-center gap-3">
      <input type="hidden" name="orderId" value={orderId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "Asking Sectigo…" : "Refresh now"}
      </button>
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${state && !state.ok ? "text-red-800" : "text-slate-700"}`}
      >
        {state?.message ?? ""}
      </p>
    </form>
  );
}
