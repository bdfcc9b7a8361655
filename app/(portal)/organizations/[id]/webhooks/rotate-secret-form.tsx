"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { rotateWebhookSecretAction } from "./actions";
import { SecretShownOnce } from "@/components/ui/secret-shown-once";

/** Replaces an endpoint's signing secret; the new one is shown here once. */
export function RotateSecretForm({
  organizationId,
  endpointId,
}: {
  organizationId: string;
  endpointId: string;
}) {
  const [state, action, pending] = useActionState(rotateWebhookSecretAction, undefined);
  return (
    <form
      action={action}
      aria-label="Rotate the signing secret"
      onSubmit={(event) => {
        if (!window.confirm("Replace the signing secret? Deliveries are signed with the new one at once."))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "One moment…" : "Rotate secret"}
      </Button>
      <div aria-live="polite">
        {state && !state.ok ? (
          <p
            role="alert"
            className="mt-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900"
          >
            {state.message}
          </p>
        ) : null}
        {state?.ok && state.data ? (
          <SecretShownOnce
            label="Signing secret"
            id={`secret-${endpointId}`}
            message={state.message}
            secret={state.data.secret}
          />
        ) : null}
      </div>
    </form>
  );
}
