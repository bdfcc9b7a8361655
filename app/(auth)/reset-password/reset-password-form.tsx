"use client";

import Link from "next/link";
import { useMemo, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { NewPasswordFields } from "@/components/ui/new-password-fields";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { newPasswordSchema, type NewPasswordInput } from "@/lib/users/schemas";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({
  token,
  account,
}: {
  token: string;
  account: { email: string; name: string };
}) {
  const schema = useMemo(() => newPasswordSchema(account), [account]);
  const form = useForm<NewPasswordInput>({
    resolver: zodResolver(schema),
    defaultValues: { password: "", confirmPassword: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;
  const password = useWatch({ control: form.control, name: "password" });

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    startTransition(async () => {
      const result = await resetPasswordAction(undefined, { ...values, token });
      if (result.ok) {
        setDone(result.message);
        form.reset();
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  if (done) {
    return (
      <div role="status" aria-live="polite" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
        <p>{done}</p>
        <p className="mt-2">
          <Link href="/sign-in" className="font-semibold underline">
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <ErrorSummary items={summaryItems(errors)} message={serverMessage} />
      <p className="text-sm text-slate-700">
        For the account <strong className="break-words">{account.email}</strong>.
      </p>
      {/* Lets a password manager store the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={account.email} readOnly />
      <NewPasswordFields
        password={password}
        account={account}
        register={{ password: form.register("password"), confirmPassword: form.register("confirmPassword") }}
        errors={{ password: errors.password?.message, confirmPassword: errors.confirmPassword?.message }}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Save the new password"}
      </Button>
    </form>
  );
}
