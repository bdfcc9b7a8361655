"use client";

import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions";
import { RecoveryCodes } from "./recovery-codes";

type Step<I, T> = (previous: ActionState<T> | undefined, input: I) => Promise<ActionState<T>>;

/** Adds a passkey: its name (and the password where re-authentication is asked), then the browser's ceremony. */
export function PasskeyRegister({
  options,
  finish,
  askPassword,
  continueTo,
}: {
  options: Step<{ name: string; password?: string }, PublicKeyCredentialCreationOptionsJSON>;
  finish: Step<{ name: string; response: string }, { codes: string[] }>;
  askPassword: boolean;
  continueTo?: string;
}) {
  const [state, setState] = useState<ActionState<{ codes: string[] }>>();
  const [pending, startTransition] = useTransition();
  const submit = (form: FormData) =>
    startTransition(async () => {
      const name = String(form.get("passkeyName") ?? "");
      const password = askPassword ? String(form.get("passkeyPassword") ?? "") : undefined;
      const prepared = await options(undefined, { name, password });
      if (!prepared.ok || !prepared.data) return setState(prepared.ok ? undefined : prepared);
      let response;
      try {
        response = await startRegistration({ optionsJSON: prepared.data });
      } catch {
        return setState({ ok: false, message: "No passkey was created. Try again.", fieldErrors: {} });
      }
      setState(await finish(undefined, { name, response: JSON.stringify(response) }));
    });
  if (state?.ok) {
    return state.data?.codes.length ? (
      <RecoveryCodes codes={state.data.codes} continueTo={continueTo} />
    ) : (
      <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
        {state.message ?? "The passkey was added."}
      </p>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : {};
  const nameError = errors.name?.[0];
  const passwordError = errors.password?.[0];
  return (
    <form action={submit} noValidate className="space-y-3">
      <ErrorSummary
        items={[
          ...(nameError ? [{ field: "passkeyName", message: nameError }] : []),
          ...(passwordError ? [{ field: "passkeyPassword", message: passwordError }] : []),
        ]}
        message={state && !state.ok ? state.message : undefined}
      />
      <TextField
        id="passkeyName"
        name="passkeyName"
        label="Name of the passkey"
        hint="So you can tell your passkeys apart, e.g. “Work laptop”."
        required
        error={nameError}
      />
      {askPassword ? (
        <TextField
          id="passkeyPassword"
          name="passkeyPassword"
          type="password"
          label="Your current password"
          autoComplete="current-password"
          required
          error={passwordError}
        />
      ) : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Waiting for the passkey…" : "Add a passkey"}
      </Button>
    </form>
  );
}
