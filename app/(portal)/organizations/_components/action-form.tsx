"use client";

import { useActionState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/actions";

type Action = (previous: ActionState | undefined, raw: unknown) => Promise<ActionState>;

/** FormData as an object, repeated names (the role checkboxes) as arrays. */
function valuesOf(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    values[key] = key === "roles" ? all : all[0];
  }
  return values;
}

/**
 * A small form for one organization action: its answer (success or refusal, with every field
 * error) is announced above the button; on success the page's data is refreshed by the action.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  variant = "primary",
  label,
  className = "",
  confirm,
}: {
  action: Action;
  children?: ReactNode;
  submitLabel: string;
  variant?: "primary" | "secondary" | "danger";
  /** The form's accessible name. */
  label: string;
  className?: string;
  /** Asked before sending (a removal, leaving). */
  confirm?: string;
}) {
  const [state, submit, pending] = useActionState(
    (previous: ActionState | undefined, form: FormData) => action(previous, valuesOf(form)),
    undefined,
  );
  const errors = state && !state.ok ? Object.values(state.fieldErrors).flat() : [];
  return (
    <form
      action={submit}
      aria-label={label}
      // The server's answer, announced here, is the one check: the browser's own bubbles would
      // leave the previous answer (say, "Invitation sent to …") standing beside the new mistake.
      noValidate
      className={className}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {children}
      <div aria-live="polite" aria-atomic="true">
        {state?.ok && state.message ? (
          <p role="status" className="mt-2 rounded-md bg-green-50 p-2 text-sm text-green-900">
            {state.message}
          </p>
        ) : null}
        {state && !state.ok ? (
          <div
            role="alert"
            className="mt-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900"
          >
            <p>{state.message}</p>
            {errors.length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      <Button type="submit" variant={variant} disabled={pending} className="mt-2">
        {pending ? "One moment…" : submitLabel}
      </Button>
    </form>
  );
}
