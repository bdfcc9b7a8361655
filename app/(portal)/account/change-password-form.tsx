"use client";

import { useMemo, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { NewPasswordFields } from "@/components/ui/new-password-fields";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/users/schemas";
import { changePasswordAction } from "./actions";

/** The account page's password change: current password, new one twice, with the meter. */
export function ChangePasswordForm({ account }: { account: { email: string; name: string } }) {
  const schema = useMemo(() => changePasswordSchema(account), [account]);
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;
  const password = useWatch({ control: form.control, name: "password" });

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    setNotice(undefined);
    startTransition(async () => {
      const result = await changePasswordAction(undefined, values);
      if (result.ok) {
        setNotice(result.message);
        form.reset();
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
        form.setValue("currentPassword", "");
      }
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-label="Change your password">
      <ErrorSummary items={summaryItems(errors)} message={serverMessage} />
      <div aria-live="polite">
        {notice ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {notice}
          </p>
        ) : null}
      </div>
      <TextField
        id="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword?.message}
        {...form.register("currentPassword")}
      />
      <NewPasswordFields
        password={password}
        account={account}
        register={{ password: form.register("password"), confirmPassword: form.register("confirmPassword") }}
        errors={{ password: errors.password?.message, confirmPassword: errors.confirmPassword?.message }}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing your password…" : "Change password"}
      </Button>
    </form>
  );
}
