"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { createAccountSchema, PASSWORD_MIN_LENGTH, type CreateAccountInput } from "@/lib/users/schemas";
import { createAccountAction } from "../actions";
import { SelectField } from "@/components/ui/select-field";
import { roleOptions } from "../roles";

export function CreateAccountForm() {
  const form = useForm<CreateAccountInput>({
    resolver: zodResolver(createAccountSchema),
    defaultValues: { name: "", email: "", password: "", role: "SUPPORT" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    startTransition(async () => {
      // On success the action redirects to the new user's page.
      const result = await createAccountAction(undefined, values);
      if (result && !result.ok) {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-lg space-y-4">
      <ErrorSummary items={summaryItems(errors)} message={serverMessage} />
      <TextField
        id="name"
        label="Full name"
        autoComplete="off"
        required
        maxLength={100}
        error={errors.name?.message}
        {...form.register("name")}
      />
      <TextField
        id="email"
        label="E-mail address"
        type="email"
        autoComplete="off"
        required
        maxLength={254}
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField
        id="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Pass it on through a separate, secure channel.`}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <SelectField
        id="role"
        label="Role"
        options={roleOptions}
        error={errors.role?.message}
        {...form.register("role")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating the account…" : "Create account"}
      </Button>
    </form>
  );
}
