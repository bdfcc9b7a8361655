"use client";

import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/actions";

const when = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "UTC" });

/**
 * "Refresh now": asks Sectigo about the order at once; the answer is announced. "Sectigo is
 * being asked" is shown only until the page has a newer answer (its last check changed since the
 * button was pressed); then it says when Sectigo answered.
 */
export function RefreshStatus({
  orderId,
  lastCheckedAt,
  action,
}: {
  orderId: string;
  /** When the page's answer from Sectigo is from (ISO), as the page was last rendered. */
  lastCheckedAt: string | null;
  action: (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  // The check the page showed when the button was pressed; undefined before any press.
  const [askedAfter, setAskedAfter] = useState<string | null | undefined>(undefined);
  const answered =
    state?.ok && askedAfter !== undefined && lastCheckedAt !== null && lastCheckedAt !== askedAfter;
  const router = useRouter();
  const waiting = Boolean(state?.ok) && askedAfter !== undefined && !answered;
  // While the answer is awaited, the page is re-read every 2 s (for at most half a minute).
  useEffect(() => {
    if (!waiting) return;
    let left = 15;
    const timer = setInterval(() => {
      router.refresh();
      if (--left <= 0) clearInterval(timer);
    }, 2_000);
    return () => clearInterval(timer);
  }, [waiting, router]);
  const message = answered
    ? `Sectigo answered at ${when.format(new Date(lastCheckedAt))} UTC; this page shows it.`
    : (state?.message ?? "");
  return (
    <form
      action={formAction}
      onSubmit={() => setAskedAfter(lastCheckedAt)}
      className="mt-3 flex flex-wrap items-center gap-3"
    >
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
        {message}
      </p>
    </form>
  );
}
