"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { withdrawOrderAction } from "./actions";

/** "Withdraw" on an order awaiting approval: back to a draft the requester can edit. */
export function WithdrawButton({ orderId, version }: { orderId: string; version: number }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  function withdraw() {
    setError(undefined);
    startTransition(async () => {
      const result = await withdrawOrderAction(undefined, { orderId, version });
      if (result.ok) router.refresh();
      else setError(result.message);
    });
  }
  return (
    <div className="mt-3">
      <div aria-live="assertive">
        {error ? (
          <p
            role="alert"
            className="mb-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
          >
            {error}
          </p>
        ) : null}
      </div>
      <Button type="button" variant="secondary" disabled={pending} onClick={withdraw}>
        {pending ? "Withdrawing…" : "Withdraw to edit"}
      </Button>
    </div>
  );
}
