"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resetSecondFactorsAction } from "../actions";

/** The admin's reset of a user's second factors; the answer is announced. */
export function ResetSecondFactorsForm({ userId }: { userId: string }) {
  const [state, run, pending] = useActionState(resetSecondFactorsAction, undefined);
  return (
    <form action={run} aria-labelledby="reset-2fa-heading" className="space-y-3">
      <h2 id="reset-2fa-heading" className="text-lg font-semibold">
        Two-factor sign-in
      </h2>
      <p className="text-sm text-slate-700">
        For a user who lost their phone, passkeys and recovery codes: removes all their second factors and
        signs them out everywhere.
      </p>
      <input type="hidden" name="userId" value={userId} />
      <div aria-live="polite" aria-atomic="true">
        {state ? (
          <p
            role={state.ok ? "status" : "alert"}
            className={`rounded-md p-3 text-sm ${state.ok ? "bg-green-50 text-green-900" : "border border-red-300 bg-red-50 text-red-900"}`}
          >
            {state.message}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="danger" disabled={pending}>
        Reset second factors
      </Button>
    </form>
  );
}
