"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SecretShownOnce } from "@/components/ui/secret-shown-once";
import { SelectField } from "@/components/ui/select-field";
import { API_KEY_ROLE_NAMES, API_KEY_ROLES } from "@/lib/api-keys/roles";
import { createApiKeyAction } from "./actions";

const ROLE_OPTIONS = API_KEY_ROLE_NAMES.map((r) => ({
  value: r,
  label: `${API_KEY_ROLES[r].label}: ${API_KEY_ROLES[r].hint}`,
}));

/** Names a new key, picks its role and expiry; the secret is shown here once. */
export function CreateKeyForm({ organizationId }: { organizationId: string }) {
  const [state, action, pending] = useActionState(createApiKeyAction, undefined);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form
      action={action}
      aria-label="Create an API key"
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
        id="key-name"
        name="name"
        label="Name"
        hint="What uses the key, e.g. “ERP production”."
        required
        maxLength={100}
        error={errors.name?.[0]}
      />
      <SelectField
        id="key-role"
        name="role"
        label="What the key may do"
        options={ROLE_OPTIONS}
        error={errors.role?.[0]}
      />
      <TextField
        id="key-expires"
        name="expiresOn"
        type="date"
        label="Expires after (optional)"
        hint="Empty: the key works until it is revoked."
        error={errors.expiresOn?.[0]}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create key"}
      </Button>
      <div aria-live="polite">
        {state?.ok && state.data ? (
          <SecretShownOnce
            id="new-key"
            label={`The key “${state.data.name}”`}
            message={state.message}
            secret={state.data.secret}
          />
        ) : null}
      </div>
    </form>
  );
}
