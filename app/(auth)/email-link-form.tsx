"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions";

/**
 * One e-mail address and a button, for "Forgot password?" and "send the verification link
 * again". The answer is the same whether or not the address has an account; the address stays
 * in the field so it can be corrected.
 */
export function EmailLinkForm({
  action,
  submitLabel,
}: {
  action: (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;
  submitLabel: string;
}) {
  const [state, submit, pending] = useActionState(action, undefined);
  // Controlled: React resets uncontrolled fields after a form action, and the address should stay.
  const [email, setEmail] = useState("");
  const error = state && !state.ok ? state.fieldErrors.email?.[0] : undefined;
  return (
    <form action={submit} noValidate className="space-y-4">
      <ErrorSummary
        items={error ? [{ field: "email", message: error }] : []}
        message={state && !state.ok ? state.message : undefined}
      />
      <div aria-live="polite">
        {state?.ok ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {state.message}
          </p>
        ) : null}
      </div>
      <TextField
        id="email"
        name="email"
        label="E-mail address"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        error={error}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : submitLabel}
      </Button>
    </form>
  );
}
