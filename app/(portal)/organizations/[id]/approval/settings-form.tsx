"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { LiveStatus } from "@/components/ui/live-status";
import { updateApprovalSettingsAction } from "./actions";

/** The two switches; a plain form post, so it works before the page's script has loaded. */
export function ApprovalSettingsForm({
  organizationId,
  approvalRequired,
  selfApprovalAllowed,
}: {
  organizationId: string;
  approvalRequired: boolean;
  selfApprovalAllowed: boolean;
}) {
  const [state, action, pending] = useActionState(updateApprovalSettingsAction, undefined);
  return (
    <form action={action} className="mt-4 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="organizationId" value={organizationId} />
      <div aria-live="assertive">
        {state && !state.ok ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {state.message}
          </p>
        ) : null}
      </div>
      <div className="flex items-start gap-3">
        <input
          id="approvalRequired"
          name="approvalRequired"
          type="checkbox"
          defaultChecked={approvalRequired}
          aria-describedby="approvalRequired-hint"
          className="mt-1 h-4 w-4"
        />
        <div>
          <label htmlFor="approvalRequired" className="text-sm font-medium">
            Orders for the organization need an approver
          </label>
          <p id="approvalRequired-hint" className="text-xs text-slate-600">
            Seals and website certificates issued to the organization wait until an approver approves them;
            certificates for a natural person are sent directly.
          </p>
        </div>
      </div>
      <div className="flex items-start gap-3">
        <input
          id="selfApprovalAllowed"
          name="selfApprovalAllowed"
          type="checkbox"
          defaultChecked={selfApprovalAllowed}
          aria-describedby="selfApprovalAllowed-hint"
          className="mt-1 h-4 w-4"
        />
        <div>
          <label htmlFor="selfApprovalAllowed" className="text-sm font-medium">
            An approver may approve an order they requested themselves
          </label>
          <p id="selfApprovalAllowed-hint" className="text-xs text-slate-600">
            Off: a second person always looks at an order before it is sent.
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <LiveStatus message={state?.ok ? state.message : undefined} />
    </form>
  );
}
