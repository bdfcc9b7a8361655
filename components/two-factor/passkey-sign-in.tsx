"use client";

import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/actions";

type Step<I, T> = (previous: ActionState<T> | undefined, input: I) => Promise<ActionState<T>>;

/** "Use a passkey": asks the server for a challenge, the browser for the passkey, the server to check it. */
export function PasskeySignIn({
  options,
  finish,
  callbackUrl,
}: {
  options: Step<Record<string, never>, PublicKeyCredentialRequestOptionsJSON>;
  finish: Step<{ response: string; callbackUrl: string }, undefined>;
  /** Where the sign-in continues once the passkey is accepted. */
  callbackUrl: string;
}) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      setMessage(undefined);
      const prepared = await options(undefined, {});
      if (!prepared.ok || !prepared.data) return setMessage(prepared.ok ? "Try again." : prepared.message);
      let response;
      try {
        response = await startAuthentication({ optionsJSON: prepared.data });
      } catch {
        return setMessage("No passkey was used. Try again, or enter a code instead.");
      }
      const result = await finish(undefined, { response: JSON.stringify(response), callbackUrl });
      if (result && !result.ok) setMessage(result.message);
    });
  return (
    <div className="space-y-2">
      <div aria-live="assertive" aria-atomic="true">
        {message ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {message}
          </p>
        ) : null}
      </div>
      <Button type="button" variant="secondary" onClick={run} disabled={pending}>
        {pending ? "Waiting for the passkey…" : "Use a passkey"}
      </Button>
    </div>
  );
}
