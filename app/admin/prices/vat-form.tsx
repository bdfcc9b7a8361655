"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { LiveStatus } from "@/components/ui/live-status";
import { applyServerErrors, summaryItems } from "@/components/ui/form-helpers";
import { setVatRateSchema, type SetVatRateInput } from "@/lib/prices/schemas";
import { setVatRateAction } from "./actions";

const ID = "vat";

/** Adds a country to the VAT table or changes its rate. */
export function VatRateForm() {
  const form = useForm<SetVatRateInput>({
    resolver: zodResolver(setVatRateSchema),
    defaultValues: { countryCode: "", rate: "" },
  });
  const [serverMessage, setServerMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setServerMessage(undefined);
    setNotice(undefined);
    startTransition(async () => {
      const result = await setVatRateAction(undefined, values);
      if (result.ok) {
        setNotice(result.message);
        form.reset({ countryCode: "", rate: "" });
      } else {
        setServerMessage(result.message);
        applyServerErrors(form.setError, result.fieldErrors);
      }
    });
  });

  const items = summaryItems(errors).map((i) => ({ ...i, field: `${ID}-${i.field}` }));
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Set a VAT rate" className="space-y-3">
      <ErrorSummary items={items} message={serverMessage} />
      <LiveStatus message={notice} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          id={`${ID}-countryCode`}
          label="Country code"
          hint="Two letters (ISO 3166), e.g. DE; Greece is GR."
          maxLength={2}
          autoComplete="off"
          required
          error={errors.countryCode?.message}
          {...form.register("countryCode")}
        />
        <TextField
          id={`${ID}-rate`}
          label="VAT rate (%)"
          inputMode="decimal"
          autoComplete="off"
          required
          error={errors.rate?.message}
          {...form.register("rate")}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save VAT rate"}
      </Button>
    </form>
  );
}
