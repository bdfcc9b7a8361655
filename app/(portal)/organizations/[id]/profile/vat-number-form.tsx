"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { LiveStatus } from "@/components/ui/live-status";
import { setVatNumberAction } from "./vat-actions";

/** The organization's EU VAT number: an owner edits it, other members read it. */
export function VatNumberForm({
  organizationId,
  vatNumber,
  canEdit,
  sellerCountry,
}: {
  organizationId: string;
  vatNumber: string | null;
  canEdit: boolean;
  sellerCountry: string;
}) {
  const [state, action, pending] = useActionState(setVatNumberAction, undefined);
  const error = state && !state.ok ? (state.fieldErrors.vatNumber?.[0] ?? state.message) : undefined;
  const hint = `Quotes for orders in another EU member state than ours (${sellerCountry}) are then made under the reverse charge: no VAT is charged, and your company accounts for it. Leave empty if the company has no EU VAT number.`;
  if (!canEdit)
    return (
      <p className="text-sm">
        {vatNumber ? (
          <>
            VAT number: <span className="font-mono">{vatNumber}</span>
          </>
        ) : (
          "No EU VAT number given: quotes include the VAT of the order's country."
        )}
      </p>
    );
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="organizationId" value={organizationId} />
      <div>
        <label htmlFor="vatNumber" className="block text-sm font-medium">
          EU VAT identification number (optional)
        </label>
        <p id="vatNumber-hint" className="text-xs text-slate-600">
          {hint}
        </p>
        <input
          id="vatNumber"
          name="vatNumber"
          defaultValue={vatNumber ?? ""}
          placeholder="e.g. NL810433941B01"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "vatNumber-hint vatNumber-error" : "vatNumber-hint"}
          className="mt-1 w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
        />
        {error ? (
          <p id="vatNumber-error" role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save VAT number"}
      </Button>
      <LiveStatus message={state?.ok ? state.message : undefined} />
    </form>
  );
}
