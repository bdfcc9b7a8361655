"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { LiveStatus } from "@/components/ui/live-status";
import type { ActionState } from "@/lib/actions";
import { RecoveryCodes } from "./recovery-codes";

type Action = (
  previous: ActionState<{ codes: string[] }> | undefined,
  form: FormData,
) => Promise<ActionState<{ codes: string[] }>>;

/** A change of second factors confirmed with the current password (remove, new recovery codes). */
export function PasswordActionForm({
  id,
  action,
  submit,
  hidden = {},
  danger = false,
}: {
  id: string;
  action: Action;
  submit: string;
  hidden?: Record<string, string>;
  danger?: boolean;
}) {
  const [state, run, pending] = useActionState(action, undefined);
  const codes = state?.ok ? state.data?.codes : undefined;
  const error = state && !state.ok ? state.fieldErrors.password?.[0] : undefined;
  return (
    <div className="mt-2 space-y-2">
      <LiveStatus message={state?.ok ? state.message : undefined} />
      {codes?.length ? (
        <RecoveryCodes codes={codes} />
      ) : (
        <form action={run} noValidate className="space-y-2">
          <ErrorSummary
            items={error ? [{ field: `${id}-password`, message: error }] : []}
            message={state && !state.ok ? state.message : undefined}
          />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <TextField
            id={`${id}-password`}
            name="password"
            type="password"
            label="Your current password"
            autoComplete="current-password"
            required
            error={error}
          />
          <Button type="submit" variant={danger ? "danger" : "secondary"} disabled={pending}>
            {submit}
          </Button>
        </form>
      )}
    </div>
  );
}
