"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { setUserStatusAction } from "../actions";
import { userStatusSchema } from "../schemas";

const ID = "status-form";
// The operation follows the account's current state (a prop), so the form itself holds only the reason.
const reasonSchema = userStatusSchema.pick({ reason: true });

export function StatusForm({ userId, disabled }: { userId: string; disabled: boolean }) {
  const form = useForm<{ reason: string }>({
    resolver: zodResolver(reasonSchema),
    defaultValues: { reason: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;
  const operation = disabled ? "enable" : "disable";

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    setNotice(undefined);
    startTransition(async () => {
      const result = await setUserStatusAction(undefined, { userId, operation, reason: values.reason });
      if (result.ok) {
        setNotice(result.message);
        form.reset({ reason: "" });
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  const items = summaryItems(errors).map((i) => ({ ...i, field: `${ID}-${i.field}` }));
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${ID}-heading`} className="space-y-3">
      <h2 id={`${ID}-heading`} className="text-lg font-semibold">
        Account status
      </h2>
      <p className="text-sm text-slate-700">
        {disabled
          ? "This account is disabled: it cannot sign in, and open sessions were ended."
          : "A disabled account can no longer sign in; its open sessions end at their next request."}
      </p>
      <ErrorSummary items={items} message={serverMessage} />
      <div aria-live="polite">
        {notice ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {notice}
          </p>
        ) : null}
      </div>
      <TextField
        id={`${ID}-reason`}
        label={disabled ? "Reason for enabling" : "Reason for disabling"}
        required
        maxLength={500}
        error={errors.reason?.message}
        {...form.register("reason")}
      />
      <Button type="submit" variant={disabled ? "secondary" : "danger"} disabled={pending}>
        {pending ? "Saving…" : disabled ? "Enable account" : "Disable account"}
      </Button>
    </form>
  );
}
