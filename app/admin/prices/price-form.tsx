"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { LiveStatus } from "@/components/ui/live-status";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { setPriceSchema, type SetPriceInput } from "@/lib/prices/schemas";
import { setPriceAction } from "./actions";

const ID = "price";

/** Sets a list price, or an organization's own price, for one product × validity. */
export function PriceForm(props: {
  choices: { value: string; label: string }[];
  organizations: { id: string; name: string }[];
}) {
  const form = useForm<SetPriceInput>({
    resolver: zodResolver(setPriceSchema),
    defaultValues: { choice: props.choices[0]?.value ?? "", net: "", currency: "EUR", organizationId: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    setNotice(undefined);
    startTransition(async () => {
      const result = await setPriceAction(undefined, values);
      if (result.ok) {
        setNotice(result.message);
        form.reset({ ...values, net: "" });
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  const items = summaryItems(errors).map((i) => ({ ...i, field: `${ID}-${i.field}` }));
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Set a price" className="space-y-3">
      <ErrorSummary items={items} message={serverMessage} />
      <LiveStatus message={notice} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          id={`${ID}-choice`}
          label="Certificate and validity"
          options={props.choices}
          error={errors.choice?.message}
          {...form.register("choice")}
        />
        <SelectField
          id={`${ID}-organizationId`}
          label="For"
          hint="The list price applies to everyone without a price of their own."
          options={[
            { value: "", label: "Everyone (list price)" },
            ...props.organizations.map((o) => ({ value: o.id, label: o.name })),
          ]}
          error={errors.organizationId?.message}
          {...form.register("organizationId")}
        />
        <TextField
          id={`${ID}-net`}
          label="Net price (without VAT)"
          inputMode="decimal"
          autoComplete="off"
          required
          error={errors.net?.message}
          {...form.register("net")}
        />
        <TextField
          id={`${ID}-currency`}
          label="Currency"
          maxLength={3}
          autoComplete="off"
          required
          error={errors.currency?.message}
          {...form.register("currency")}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save price"}
      </Button>
    </form>
  );
}
