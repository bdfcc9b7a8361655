"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { changeEmailSchema, type ChangeEmailInput } from "@/lib/users/schemas";
import { changeEmailAction } from "./actions";

/** New address and current password; the change waits for the link sent to the new address. */
export function ChangeEmailForm() {
  const form = useForm<ChangeEmailInput>({
    resolver: zodResolver(changeEmailSchema),
    defaultValues: { newEmail: "", emailChangePassword: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    setNotice(undefined);
    startTransition(async () => {
      const result = await changeEmailAction(undefined, values);
      if (result.ok) {
        setNotice(result.message);
        form.reset();
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
        form.setValue("emailChangePassword", "");
      }
    });
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-md space-y-4"
      aria-label="Change your e-mail address"
    >
      <ErrorSummary items={summaryItems(errors)} message={serverMessage} />
      <div aria-live="polite">
        {notice ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {notice}
          </p>
        ) : null}
      </div>
      <TextField
        id="newEmail"
        label="New e-mail address"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        error={errors.newEmail?.message}
        {...form.register("newEmail")}
      />
      <TextField
        id="emailChangePassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.emailChangePassword?.message}
        {...form.register("emailChangePassword")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending the link…" : "Change e-mail address"}
      </Button>
    </form>
  );
}
