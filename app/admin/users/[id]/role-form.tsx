"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import type { RoleName } from "@/lib/users/schemas";
import { changeRoleAction } from "../actions";
import { changeRoleSchema, type ChangeRoleInput } from "../schemas";
import { SelectField } from "@/components/ui/select-field";
import { roleOptions } from "../roles";

// Two forms share this page, so their field ids carry a prefix; the summary links use it too.
const ID = "role-form";

export function RoleForm({ userId, currentRole }: { userId: string; currentRole: RoleName }) {
  const form = useForm<ChangeRoleInput>({
    resolver: zodResolver(changeRoleSchema),
    defaultValues: { userId, expectedRole: currentRole, role: currentRole, reason: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    setNotice(undefined);
    startTransition(async () => {
      const result = await changeRoleAction(undefined, values);
      if (result.ok) {
        setNotice(result.message);
        form.reset({ userId, expectedRole: values.role, role: values.role, reason: "" });
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
        Role
      </h2>
      <ErrorSummary items={items} message={serverMessage} />
      <div aria-live="polite">
        {notice ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {notice}
          </p>
        ) : null}
      </div>
      <SelectField
        id={`${ID}-role`}
        label="New role"
        options={roleOptions}
        error={errors.role?.message}
        {...form.register("role")}
      />
      <TextField
        id={`${ID}-reason`}
        label="Reason for the role change"
        required
        maxLength={500}
        error={errors.reason?.message}
        {...form.register("reason")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing the role…" : "Change role"}
      </Button>
    </form>
  );
}
