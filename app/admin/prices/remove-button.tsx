"use client";

import { useState, useTransition } from "react";
import { removePriceAction, removeVatRateAction } from "./actions";

/** Removes one price or VAT row; the answer is announced beside the button. */
export function RemoveButton(
  props:
    | { kind: "price"; choice: string; organizationId: string; label: string }
    | { kind: "vat"; countryCode: string; label: string },
) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const onClick = () =>
    startTransition(async () => {
      const result =
        props.kind === "price"
          ? await removePriceAction(undefined, { choice: props.choice, organizationId: props.organizationId })
          : await removeVatRateAction(undefined, { countryCode: props.countryCode });
      setMessage(result.ok ? undefined : result.message);
    });
  return (
    <span>
      <button
        type="button"
        onClick={onClick}
        disabled={pending}
        aria-label={props.label}
        className="text-sm font-semibold text-red-700 underline"
      >
        Remove
      </button>
      <span role="status" className="ml-2 text-sm text-red-700">
        {message ?? ""}
      </span>
    </span>
  );
}
