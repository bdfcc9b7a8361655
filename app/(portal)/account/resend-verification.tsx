"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/actions";
import { resendVerificationAction } from "./actions";

/**
 * "Send the link again" for a signed-in customer whose e-mail address is not confirmed yet. A
 * plain button, not a form: it also sits inside the order wizard's form.
 */
export function ResendVerification() {
  const [state, setState] = useState<ActionState>();
  const [sending, startSending] = useTransition();
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3">
      <Button
        type="button"
        variant="secondary"
        disabled={sending}
        onClick={() => startSending(async () => setState(await resendVerificationAction(undefined, {})))}
      >
        {sending ? "Sending…" : "Send the link again"}
      </Button>
      <p aria-live="polite" role="status" className="text-sm text-slate-700">
        {state?.message ?? ""}
      </p>
    </div>
  );
}
