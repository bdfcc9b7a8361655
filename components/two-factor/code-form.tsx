"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
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
  if (codes?.length) return <RecoveryCodes codes={codes} continueTo={continueTo} />;
  if (state?.ok && continueTo) {
    // Set up, and the user still has recovery codes from before: nothing new to show.
    return (
      <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
        {state.message ?? "Your second factor is set up."}{" "}
        <Link href={continueTo} className="font-semibold underline">
          Continue
        </Link>
      </p>
    );
  }
  const error = state && !state.ok ? (state.fieldErrors.code?.[0] ?? undefined) : undefined;
  const passwordError = state && !state.ok ? (state.fieldErrors.password?.[0] ?? undefined) : undefined;
  return (
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
      {state?.ok && state.message ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          {state.message}
        </p>
      ) : null}
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
  );
}
