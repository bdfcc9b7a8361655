"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import type { ActionState } from "@/lib/actions";
import { emailOnlySchema, type EmailOnlyInput } from "@/lib/users/schemas";

/**
 * One e-mail address and a button, for "Forgot password?" and "send the verification link
 * again". The answer is the same whether or not the address has an account; the address stays
 * in the field so it can be corrected.
 */
export function EmailLinkForm({
  action,
  submitLabel,
  secondary = false,
}: {
  action: (previous: ActionState | undefined, raw: unknown) => Promise<ActionState>;
  submitLabel: string;
  /** A plain button, for pages where this form is not the main thing to do. */
  secondary?: boolean;
}) {
  const form = useForm<EmailOnlyInput>({
    resolver: zodResolver(emailOnlySchema),
    defaultValues: { email: "" },
  });
  const [answer, setAnswer] = useState<ActionState>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setAnswer(undefined);
    startTransition(async () => {
      const result = await action(undefined, values);
      setAnswer(result);
      if (!result.ok) applyServerErrors(form.setError, result.fieldErrors);
    });
  });

  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4">
      <ErrorSummary
        items={summaryItems(errors)}
        message={answer && !answer.ok ? answer.message : undefined}
      />
      <div aria-live="polite">
        {answer?.ok ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {answer.message}
          </p>
        ) : null}
      </div>
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
      <Button
        type="submit"
        variant={secondary ? "secondary" : "primary"}
        className="w-full"
        disabled={pending}
      >
        {pending ? "Sending…" : submitLabel}
      </Button>
    </form>
  );
}
