"use client";

import Link from "next/link";
import { useActionState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/actions";

/**
 * The one button a mailed link's page asks for: the token is used by this POST, not by opening
 * the page (mail scanners open links). The answer replaces the button, success or not.
 */
export function TokenButtonForm({
  token,
  action,
  label,
  next,
  untilDone,
}: {
  token: string;
  action: (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;
  label: string;
  next: { href: string; label: string };
  /** Shown below the button until the link has worked (then it is no longer needed). */
  untilDone?: ReactNode;
}) {
  const [state, submit, pending] = useActionState(action, undefined);
  return (
    <>
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? (
          <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            <p>{state.message}</p>
            <p className="mt-2">
              <Link href={next.href} className="font-semibold underline">
                {next.label}
              </Link>
            </p>
          </div>
        ) : null}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {state && !state.ok ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {state.message}
          </p>
        ) : null}
      </div>
      {state ? null : (
        <form action={submit}>
          <input type="hidden" name="token" value={token} />
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "One moment…" : label}
          </Button>
        </form>
      )}
      {state?.ok ? null : untilDone}
    </>
  );
}
