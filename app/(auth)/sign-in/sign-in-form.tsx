"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { signInSchema, type SignInInput } from "@/lib/users/schemas";
import { signInAction } from "../actions";

/** `email`: the invited address when coming from an invitation, filled in. */
export function SignInForm({ callbackUrl, email = "" }: { callbackUrl?: string; email?: string }) {
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email, password: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    startTransition(async () => {
      const result = await signInAction(undefined, { ...values, callbackUrl });
      if (result && !result.ok) {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
        form.setValue("password", "");
        form.setFocus("password");
      }
    });
  });

  return (
    <form
      onSubmit={onSubmit}
      method="post"
      noValidate
      className="space-y-4"
      aria-describedby="sign-in-errors"
    >
      <div id="sign-in-errors">
        <ErrorSummary items={summaryItems(errors)} message={serverMessage} />
      </div>
      <TextField
        id="email"
        label="E-mail address"
        type="email"
        autoComplete="username"
        required
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...form.register("password")}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
