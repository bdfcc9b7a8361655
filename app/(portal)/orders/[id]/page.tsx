import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { KeyLocationNote } from "@/app/(portal)/orders/_wizard/key-location-note";
import { AfterSection } from "./after-section";
import { Pkcs12Builder } from "./pkcs12-builder";
import { RenewForm } from "@/components/certificates/renew-form";
import { renewOrderAction } from "./actions";
import { RefreshWhileSending } from "./refresh-while-sending";
import { WithdrawButton } from "./withdraw-button";
import { stepOf } from "@/app/(portal)/orders/_wizard/steps";
import { requireUser } from "@/lib/auth/guards";
import { getOrderForViewer } from "@/lib/orders/queries/customer-order";
import { REFUND_WORDS } from "@/lib/orders/model/refund";
import { timeline } from "@/lib/orders/model/timeline";
import { getProduct } from "@/lib/sectigo/products";
import { formatMoney, formatRate } from "@/lib/prices/format";
import { PARAMS, type ParamDef } from "@/lib/sectigo/registry";

export const metadata: Metadata = { title: "Order" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

const NEXT_STEPS: Partial<Record<string, string>> = {
  SUBMITTING:
    "The order is being sent to Sectigo right now. This usually takes a few seconds, and this page shows the outcome by itself. You do not need to order again: if the connection to Sectigo is lost, the portal finds out whether the order arrived and never places it twice.",
  PLACED:
    "Sectigo now validates the order: the checklist below shows what is done and what waits for you, and the portal follows it by itself. You will also receive Sectigo's e-mails (validation, callback, and for tokens the shipping notice) at the addresses you gave.",
  ISSUED: "The certificate is issued. Download it below in the format your server or application needs.",
  CA_REJECTED:
    "Sectigo did not issue the certificate. The timeline below shows when; contact support to find out why and to order again.",
  REVOKED:
    "The certificate was revoked at Sectigo and must no longer be used or installed. To replace it, renew below: that is a new order.",
  CANCELLED: "The order is cancelled: no certificate will be issued, and nothing more is needed from you.",
  NEEDS_RECONCILIATION:
    "Sectigo already has an order under this order number. Our support team is matching it; you will not be charged twice.",
  OUTCOME_UNKNOWN:
    "The connection to Sectigo was lost after sending. Support checks whether the order arrived and completes it without placing it twice.",
  FAILED_TRANSIENT:
    "Sectigo could not be reached. Support will send the order again; you do not need to do anything.",
  RETRY_SCHEDULED: "Sectigo had a temporary problem; the portal retries automatically.",
  ACCOUNT_PROBLEM:
    "The order is on hold because of a problem with our reseller account; our team has been alerted.",
  NEEDS_REVIEW: "Our support team is looking at this order.",
  REJECTED:
    "Sectigo could not accept the order as it was. Correct the answer below and send it again; nothing was charged.",
  DRAFT: "This order has not been sent yet.",
  AWAITING_APPROVAL:
    "The order waits for an approver of your organization; nothing has been sent to Sectigo yet. Once approved it is sent at once. To change it, withdraw it: it becomes a draft again and needs a new approval.",
};

// A token order's certificate and key are on the token Sectigo ships: nothing to download and install.
const TOKEN_NEXT_STEPS: Partial<Record<string, string>> = {
  PLACED:
    "Sectigo now validates the order: the checklist below shows what is done and what waits for you. Sectigo then makes the key and the certificate on the token and ships it to you; the tracking number appears below, and Sectigo e-mails the shipping notice.",
  ISSUED:
    "The certificate is issued. It and its key are on the token Sectigo ships to you: there is nothing to install from this page. “Your token” below shows the shipping status and what to do when it arrives.",
};

const OUTCOME_LABEL: Record<string, string> = {
  PENDING: "Sending",
  PLACED: "Placed",
  CA_ERROR: "Refused by Sectigo",
  TRANSPORT_ERROR: "Not delivered",
  UNKNOWN: "Outcome unknown",
};

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const order = await getOrderForViewer(user, id);
  if (!order) notFound();
  const product = getProduct(order.productCode);
  const token = order.after.shipsToken;
  const nextSteps = (token ? TOKEN_NEXT_STEPS[order.status] : undefined) ?? NEXT_STEPS[order.status] ?? "";
  // A rejected approval sends the order back to a draft: the requester reads why here.
  const lastEvent = order.after.events.at(-1);
  const rejection = order.status === "DRAFT" && lastEvent?.kind === "approval_rejected" ? lastEvent : null;
  const fixField = order.failureField ?? undefined;
  const fixLabel = fixField ? ((PARAMS as Record<string, ParamDef>)[fixField]?.label ?? fixField) : undefined;
  const fixHref = fixField
    ? `/orders/${order.id}/edit?step=${stepOf(fixField) ?? "review"}&field=${encodeURIComponent(fixField)}`
    : `/orders/${order.id}/edit`;

  return (
    <>
      <p className="text-sm">
        <Link href="/orders" className="text-brand-700 underline">
          ← My orders
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">
          Order <span className="font-mono">{order.externalOrderNumber}</span>
        </h1>
        <StatusBadge status={order.status} />
        {order.test ? <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">test order</span> : null}
      </div>

      <section
        aria-labelledby="next-heading"
        className="mt-4 rounded-lg border border-slate-200 bg-white p-4"
        role="status"
      >
        <h2 id="next-heading" className="font-semibold">
          What happens next
        </h2>
        <p className="mt-1 text-sm">{nextSteps}</p>
        {order.status === "CANCELLED" && order.after.refund ? (
          <p className="mt-1 text-sm">
            Refund: {REFUND_WORDS[order.after.refund.state]}
            {order.after.refund.recordedAt ? ` (${when.format(order.after.refund.recordedAt)} UTC)` : ""}
          </p>
        ) : null}
        {order.status === "SUBMITTING" ? <RefreshWhileSending /> : null}
        {order.status === "PLACED" ? <RefreshWhileSending intervalMs={10_000} maxRefreshes={360} /> : null}
        {order.status === "REJECTED" && order.failureMessage ? (
          <div className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-semibold">Why Sectigo refused it</p>
            <p className="mt-1">{order.failureMessage}</p>
            {order.may.act ? (
              <Link href={fixHref} className="mt-2 inline-block font-semibold underline">
                {fixLabel ? `Fix “${fixLabel}” and resubmit` : "Correct the order and resubmit"}
              </Link>
            ) : null}
          </div>
        ) : null}
        {order.status === "AWAITING_APPROVAL" && order.ownerId === user.id ? (
          <WithdrawButton orderId={order.id} version={order.version} />
        ) : null}
        {rejection ? (
          <div className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            <p className="font-semibold">The approver rejected this order</p>
            <p className="mt-1">{rejection.summary}</p>
          </div>
        ) : null}
        {order.status === "DRAFT" ? (
          <Link
            href={`/orders/${order.id}/edit`}
            className="text-brand-700 mt-2 inline-block font-semibold underline"
          >
            Continue this draft
          </Link>
        ) : null}
      </section>

      <dl className="mt-4 grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
        {order.organization.personal ? null : (
          <>
            <dt className="text-slate-600">Organization</dt>
            <dd>{order.organization.name}</dd>
            <dt className="text-slate-600">Requested by</dt>
            <dd>{order.ownerId === user.id ? `${order.owner.name} (you)` : order.owner.name}</dd>
          </>
        )}
        <dt className="text-slate-600">Certificate</dt>
        <dd>{product ? product.name : "—"}</dd>
        <dt className="text-slate-600">Validity</dt>
        <dd>{order.days ? `${order.days} days` : "—"}</dd>
        <dt className="text-slate-600">Price</dt>
        <dd data-testid="order-price">
          {order.quote?.reverseCharge ? (
            <>
              {formatMoney(order.quote.gross, order.quote.currency)}, no VAT: reverse charge (your VAT number{" "}
              {order.quote.vatNumber})
            </>
          ) : order.quote ? (
            <>
              {formatMoney(order.quote.gross, order.quote.currency)} incl. {formatRate(order.quote.vatRate)}{" "}
              VAT ({formatMoney(order.quote.net, order.quote.currency)} net)
            </>
          ) : order.status === "DRAFT" ? (
            "shown when you review the order"
          ) : (
            "on request"
          )}
        </dd>
        <dt className="text-slate-600">External order number</dt>
        <dd className="font-mono">{order.externalOrderNumber}</dd>
        <dt className="text-slate-600">Sectigo order number</dt>
        <dd className="font-mono">{order.sectigoOrderNumber ?? "not yet"}</dd>
        {order.certificateId ? (
          <>
            <dt className="text-slate-600">Certificate ID</dt>
            <dd className="font-mono">{order.certificateId}</dd>
          </>
        ) : null}
        {order.organizationName || order.commonName ? (
          <>
            <dt className="text-slate-600">Subject</dt>
            <dd>{order.organizationName ?? order.commonName}</dd>
          </>
        ) : null}
      </dl>

      <AfterSection
        orderId={order.id}
        status={order.status}
        test={order.test}
        view={order.after}
        canAct={order.may.act}
      />
      {order.status === "ISSUED" && order.after.certificate && product && !token ? (
        <Pkcs12Builder
          orderId={order.id}
          fileName={order.externalOrderNumber}
          certificatePem={order.after.certificate.certificatePem}
          chainPem={order.after.certificate.chainPem}
          friendlyName={order.commonName ?? order.organizationName ?? order.externalOrderNumber}
        />
      ) : null}
      {(order.status === "ISSUED" || order.status === "REVOKED") && order.may.renew ? (
        <RenewForm orderId={order.id} status={order.status} token={token} action={renewOrderAction} />
      ) : null}

      {token ? null : (
        <div className="mt-4">
          <KeyLocationNote orderId={order.id} />
        </div>
      )}

      <section aria-labelledby="timeline-heading" className="mt-6">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline
        </h2>
        {order.attempts.length === 0 && order.after.events.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Nothing has been sent to Sectigo yet.</p>
        ) : (
          <>
            <ol className="mt-2 space-y-2">
              {timeline(order.attempts, order.after.events).map(({ attempt: a, event: e }) =>
                a ? (
                  <li key={a.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                    <p>
                      <time dateTime={a.startedAt.toISOString()} className="font-mono text-xs text-slate-600">
                        {when.format(a.startedAt)} UTC
                      </time>{" "}
                      <span className="font-semibold">{OUTCOME_LABEL[a.outcome] ?? a.outcome}</span>
                      <span className="text-slate-600">
                        {" "}
                        ·{" "}
                        {a.trigger === "CUSTOMER"
                          ? `sent by ${a.sentBy}`
                          : a.trigger === "SUPPORT"
                            ? "sent by support"
                            : a.trigger === "AUTO_RETRY"
                              ? "automatic retry"
                              : "recovery"}
                      </span>
                    </p>
                    {a.message ? <p className="mt-1">{a.message}</p> : null}
                  </li>
                ) : (
                  <li key={e.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                    <p>
                      <time dateTime={e.at.toISOString()} className="font-mono text-xs text-slate-600">
                        {when.format(e.at)} UTC
                      </time>{" "}
                      <span className="font-semibold">{e.summary}</span>
                    </p>
                  </li>
                ),
              )}
            </ol>
          </>
        )}
      </section>
    </>
  );
}
