"use client";

import { useState, useTransition } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import {
  PROFILE_GROUPS,
  PROFILE_KEYS,
  profileParam,
  profileValuesSchema,
  type ProfileValues,
} from "@/lib/organizations/profile-fields";
import { ProfileField, type ProfileFormValues } from "./profile-field";
import { saveProfileAction } from "./actions";

function formValues(values: ProfileValues): ProfileFormValues {
  return Object.fromEntries(
    PROFILE_KEYS.map((key) => [key, values[key] ?? (profileParam(key).kind === "flag" ? false : "")]),
  );
}

/** The company profile, editable by owners; other members see it read-only. */
export function ProfileForm(props: {
  organizationId: string;
  version: number;
  values: ProfileValues;
  canEdit: boolean;
}) {
  const form = useForm<ProfileFormValues, unknown, ProfileValues>({
    // The schema takes any input (it normalises form strings); its input type says `unknown`.
    resolver: zodResolver(profileValuesSchema as z.ZodType<ProfileValues, ProfileFormValues>),
    defaultValues: formValues(props.values),
  });
  const [version, setVersion] = useState(props.version);
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    setNotice(undefined);
    startTransition(async () => {
      const result = await saveProfileAction(undefined, {
        organizationId: props.organizationId,
        version,
        values,
      });
      if (result.ok) {
        if (result.data) setVersion(result.data.version);
        setNotice(result.message);
        form.reset(form.getValues());
      } else {
        // The action's schema nests the fields under "values".
        const errors = Object.fromEntries(
          Object.entries(result.fieldErrors).map(([key, messages]) => [
            key.replace(/^values\./, ""),
            messages,
          ]),
        );
        setServerMessage(result.message);
        applyServerErrors(form.setError, errors);
      }
    });
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6" aria-label="Company profile">
        <ErrorSummary items={summaryItems(form.formState.errors)} message={serverMessage} />
        <div aria-live="polite">
          {notice ? (
            <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
              {notice}
            </p>
          ) : null}
        </div>
        {PROFILE_GROUPS.map((group) => (
          <fieldset key={group.id} className="space-y-3 rounded-md border border-slate-200 p-4">
            <legend className="px-1 font-semibold">{group.title}</legend>
            {group.id === "psd2" ? (
              <p className="text-xs text-slate-600">
                Only for payment service providers ordering PSD2 certificates.
              </p>
            ) : null}
            {group.keys.map((key) => (
              <ProfileField key={key} name={key} disabled={!props.canEdit} />
            ))}
          </fieldset>
        ))}
        {props.canEdit ? (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save company profile"}
          </Button>
        ) : (
          <p className="text-sm text-slate-600">Only an owner of the organization can change its profile.</p>
        )}
      </form>
    </FormProvider>
  );
}
