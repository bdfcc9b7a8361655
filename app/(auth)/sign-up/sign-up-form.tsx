"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { NewPasswordFields } from "@/components/ui/new-password-fields";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { signUpSchema, type SignUpInput } from "@/lib/users/schemas";
import { signUpAction } from "../actions";

/**
 * `returnTo`: the invitation page the person came from (the mail's link and sign-in lead back);
 * `email`: the invited address, filled in.
 */
export function SignUpForm({ returnTo, email: invited = "" }: { returnTo?: string | null; email?: string }) {
  const form = useForm<SignUpInput>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: "", email: invited, password: "", confirmPassword: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;
  const [password, name, email] = useWatch({ control: form.control, name: ["password", "name", "email"] });

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    startTransition(async () => {
      const result = await signUpAction(undefined, returnTo ? { ...values, next: returnTo } : values);
      if (!result) return;
      if (result.ok) {
        setNotice(result.message);
        form.resetField("password");
        form.resetField("confirmPassword");
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4">
      <ErrorSummary items={summaryItems(errors)} message={serverMessage} />
      <div aria-live="polite">
        {notice ? (
          <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            <p>{notice}</p>
            <p className="mt-2">
              <Link
                href={
                  returnTo
                    ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}&email=${encodeURIComponent(email)}`
                    : "/sign-in"
                }
                className="font-semibold underline"
              >
                Sign in
              </Link>
            </p>
          </div>
        ) : null}
      </div>
      <TextField
        id="name"
        label="Full name"
        autoComplete="name"
        required
        maxLength={100}
        error={errors.name?.message}
        {...form.register("name")}
      />
      <TextField
        id="email"
        label="E-mail address"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        error={errors.email?.message}
        {...form.register("email")}
      />
      <NewPasswordFields
        password={password}
        account={{ name, email }}
        register={{ password: form.register("password"), confirmPassword: form.register("confirmPassword") }}
        errors={{ password: errors.password?.message, confirmPassword: errors.confirmPassword?.message }}
        labels={{ password: "Password", confirm: "Repeat the password" }}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
