import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { AfterPlacing } from "@/components/certificates/after-placing";
import { CancelRevokeForm } from "@/components/certificates/cancel-revoke-form";
import { RefreshStatus } from "@/components/certificates/refresh-status";
import type { TrackingView } from "@/lib/orders/queries/tracking-view";
import {
  cancelOrRevokeAction,
  changeDcvMethodAction,
  checkDcvAction,
  refreshStatusAction,
  resendDcvEmailAction,
} from "./actions";

const DCV_ACTIONS = { change: changeDcvMethodAction, resend: resendDcvEmailAction, check: checkDcvAction };

/**
 * Everything after placing, with its actions (refresh, cancel, revoke), as the customer's,
 * support's and the admin's order pages show it. Staff also see the last technical problem.
 * The actions follow the order's state: none once it has ended.
 */
export function AfterSection({
  orderId,
  status,
  test = false,
  view,
  staff,
  canAct = true,
}: {
  orderId: string;
  status: OrderStatus;
  test?: boolean;
  view: TrackingView;
  staff?: { lastError: string | null; checkFailures: number };
  /** The viewer may act on the order (DCV, cancel, revoke); a viewer role only reads. */
  canAct?: boolean;
}) {
  if (!view.tracked && !view.certificate) return null;
  return (
    <>
      <AfterPlacing
        orderId={orderId}
        view={view}
        staff={staff !== undefined}
        dcvActions={status === "PLACED" && canAct ? DCV_ACTIONS : undefined}
        refresh={
          status === "PLACED" ? (
            <>
              {staff?.lastError ? (
                <p className="mt-2 text-sm text-amber-900">
                  Last problem asking Sectigo ({staff.checkFailures} in a row): {staff.lastError}
                </p>
              ) : null}
              <RefreshStatus
                orderId={orderId}
                lastCheckedAt={view.lastCheckedAt?.toISOString() ?? null}
                action={refreshStatusAction}
              />
            </>
          ) : undefined
        }
      />
      {(status === "PLACED" || status === "ISSUED") && !view.revocationRequestedAt && canAct ? (
        <CancelRevokeForm
          orderId={orderId}
          kind={status === "PLACED" ? "cancel" : "revoke"}
          test={test}
          action={cancelOrRevokeAction}
        />
      ) : null}
      {view.revocationOutcome === "unknown" ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          A {status === "ISSUED" ? "revocation" : "cancellation"} was sent to Sectigo but its answer was lost.
          It is not sent again; the portal and support confirm with Sectigo what happened.
        </p>
      ) : null}
    </>
  );
}
