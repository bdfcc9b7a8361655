"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resendVerificationAction } from "./actions";

/** "Send the link again" for a signed-in customer whose e-mail address is not confirmed yet. */
export function ResendVerification() {
  const [state, send, sending] = useActionState(resendVerificationAction, undefined);
  return (
    <form action={send} className="mt-2 flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" disabled={sending}>
        {sending ? "Sending…" : "Send the link again"}
      </Button>
      <p aria-live="polite" role="status" className="text-sm text-slate-700">
        {state?.message ?? ""}
      </p>
    </form>
  );
}
