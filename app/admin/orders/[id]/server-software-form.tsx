"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import {
  SERVER_SOFTWARE_OPTIONS,
  serverSoftwareSchema,
  type ServerSoftwareInput,
} from "@/lib/orders/model/server-software-schema";
import { setServerSoftwareAction } from "./actions";

const ID = "server-software";

/** An admin's serverSoftware code for an order not yet placed; the customer never sees it. */
export function ServerSoftwareForm({ orderId, current }: { orderId: string; current: string }) {
  const form = useForm<ServerSoftwareInput>({
    resolver: zodResolver(serverSoftwareSchema),
    defaultValues: { orderId, serverSoftware: current, reason: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    setNotice(undefined);
    startTransition(async () => {
      const result = await setServerSoftwareAction(undefined, values);
      if (result.ok) {
        setNotice(result.message);
        form.reset({ orderId, serverSoftware: values.serverSoftware, reason: "" });
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  const items = summaryItems(errors).map((i) => ({ ...i, field: `${ID}-${i.field}` }));
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Server software" className="space-y-3">
      <ErrorSummary items={items} message={serverMessage} />
      <div aria-live="polite">
        {notice ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {notice}
          </p>
        ) : null}
      </div>
      <SelectField
        id={`${ID}-serverSoftware`}
        label="Server software sent to Sectigo"
        hint="Informational for Sectigo; -1 (other) unless Sectigo asks for a code."
        options={SERVER_SOFTWARE_OPTIONS.map((o) => ({ value: o.value, label: `${o.value} ${o.label}` }))}
        error={errors.serverSoftware?.message}
        {...form.register("serverSoftware")}
      />
      <TextField
        id={`${ID}-reason`}
        label="Reason for the change"
        required
        maxLength={1000}
        error={errors.reason?.message}
        {...form.register("reason")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set server software"}
      </Button>
    </form>
  );
}
