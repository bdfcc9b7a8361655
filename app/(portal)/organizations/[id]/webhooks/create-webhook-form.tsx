"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { createWebhookAction } from "./actions";
import { SecretShownOnce } from "@/components/ui/secret-shown-once";

/** Registers an endpoint: its URL and the events it receives; the signing secret is shown here once. */
export function CreateWebhookForm({ organizationId }: { organizationId: string }) {
  const [state, action, pending] = useActionState(
    (previous: ActionState<{ secret: string }> | undefined, form: FormData) =>
      createWebhookAction(previous, {
        organizationId: form.get("organizationId"),
        url: form.get("url"),
        eventTypes: form.getAll("eventTypes"),
      }),
    undefined,
  );
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form
      action={action}
      aria-label="Register a webhook"
      className="mt-4 space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <input type="hidden" name="organizationId" value={organizationId} />
      <div aria-live="assertive">
        {state && !state.ok ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {state.message}
          </p>
        ) : null}
      </div>
      <TextField
        id="webhook-url"
        name="url"
        type="url"
        label="URL"
        hint="Receives a POST for each event, e.g. https://erp.example.com/hooks/eidas."
        required
        maxLength={2000}
        error={errors.url?.[0]}
      />
      <fieldset aria-describedby={errors.eventTypes ? "webhook-events-error" : undefined}>
        <legend className="text-sm font-semibold">Events</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} htmlFor={`webhook-event-${type}`} className="flex items-start gap-1.5 text-sm">
              <input
                id={`webhook-event-${type}`}
                type="checkbox"
                name="eventTypes"
                value={type}
                defaultChecked
              />
              <span>
                {WEBHOOK_EVENTS[type]} <code className="text-xs text-slate-600">{type}</code>
              </span>
            </label>
          ))}
        </div>
        {errors.eventTypes ? (
          <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
            {errors.eventTypes[0]}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Registering…" : "Register webhook"}
      </Button>
      <div aria-live="polite">
        {state?.ok && state.data ? (
          <SecretShownOnce
            label="Signing secret"
            id="new-webhook-secret"
            message={state.message}
            secret={state.data.secret}
          />
        ) : null}
      </div>
    </form>
  );
}
