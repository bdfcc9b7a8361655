"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { LiveStatus } from "@/components/ui/live-status";
import type { ActionState } from "@/lib/actions";
import { RecoveryCodes } from "./recovery-codes";

type CodeAction = (
  previous: ActionState<{ codes: string[] }> | undefined,
  form: FormData,
) => Promise<ActionState<{ codes: string[] }>>;

/** One code field (an authenticator code, or also a recovery code) and its answer. */
export function CodeForm({
  action,
  label,
  hint,
  submit,
  continueTo,
  askPassword = false,
  hidden = {},
}: {
  hidden?: Record<string, string>;
  action: CodeAction;
  askPassword?: boolean;
  label: string;
  hint?: string;
  submit: string;
  continueTo?: string;
}) {
  const [state, run, pending] = useActionState(action, undefined);
  const codes = state?.ok ? state.data?.codes : undefined;
  const error = state && !state.ok ? (state.fieldErrors.code?.[0] ?? undefined) : undefined;
  const passwordError = state && !state.ok ? (state.fieldErrors.password?.[0] ?? undefined) : undefined;
  // Set up, and the user still has recovery codes from before: nothing new to show, only go on.
  const done = state?.ok && continueTo && !codes?.length;
  const message = state?.ok
    ? (state.message ?? (done ? "Your second factor is set up." : undefined))
    : undefined;
  return (
    <div className="space-y-3">
      {/* Mounted from the start, so the success message is announced (see LiveStatus). */}
      <LiveStatus message={message} />
      {codes?.length ? (
        <RecoveryCodes codes={codes} continueTo={continueTo} />
      ) : done ? (
        <Link href={continueTo} className="text-sm font-semibold underline">
          Continue
        </Link>
      ) : (
        <form action={run} noValidate className="space-y-3">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <ErrorSummary
            items={[
              ...(error ? [{ field: "code", message: error }] : []),
              ...(passwordError ? [{ field: "code-password", message: passwordError }] : []),
            ]}
            message={state && !state.ok ? state.message : undefined}
          />
          <TextField
            id="code"
            name="code"
            label={label}
            hint={hint}
            autoComplete="one-time-code"
            inputMode="text"
            required
            error={error}
          />
          {askPassword ? (
            <TextField
              id="code-password"
              name="password"
              type="password"
              label="Your current password"
              autoComplete="current-password"
              required
              error={passwordError}
            />
          ) : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Checking…" : submit}
          </Button>
        </form>
      )}
    </div>
  );
}
