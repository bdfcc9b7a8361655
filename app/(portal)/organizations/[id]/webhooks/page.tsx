import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/webhooks/events";
import { listWebhookEndpoints } from "@/lib/webhooks/manage";
import { ActionForm } from "../../_components/action-form";
import { deleteWebhookAction, setWebhookEnabledAction } from "./actions";
import { CreateWebhookForm } from "./create-webhook-form";
import { RotateSecretForm } from "./rotate-secret-form";

export const metadata: Metadata = { title: "Webhooks" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const eventWords = (types: string[]) =>
  types.map((t) => WEBHOOK_EVENTS[t as WebhookEventType] ?? t).join(", ") || "none";

/** The organization's webhook endpoints, for members who manage it (others: not found). */
export default async function WebhooksPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const endpoints = await listWebhookEndpoints(user, id);
  if (!endpoints) notFound();
  return (
    <>
      <h2 className="text-lg font-semibold">Webhooks</h2>
      <p className="mt-1 text-sm text-slate-700">
        The portal posts your organization&apos;s order events to your URLs as they happen, signed per the
        Standard Webhooks scheme (headers <code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
        <code>webhook-signature</code>) with the endpoint&apos;s secret. An order&apos;s events arrive in
        order; a failed delivery is retried for about a day with the same <code>webhook-id</code>.
      </p>
      <CreateWebhookForm organizationId={id} />
      <section aria-labelledby="webhooks-heading" className="mt-6">
        <h3 id="webhooks-heading" className="font-semibold">
          Endpoints
        </h3>
        {endpoints.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No webhooks yet.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {endpoints.map((endpoint) => (
              <li key={endpoint.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <p className="font-semibold break-all">{endpoint.url}</p>
                <p>
                  {endpoint.enabled
                    ? "Enabled"
                    : `Disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ""}`}
                  {endpoint.consecutiveFailures > 0
                    ? ` · ${endpoint.consecutiveFailures} failed deliveries in a row`
                    : ""}
                </p>
                <p className="text-xs text-slate-600">
                  Events: {eventWords(endpoint.eventTypes)} · registered {when.format(endpoint.createdAt)} UTC
                  {endpoint.secretRotatedAt
                    ? ` · secret rotated ${when.format(endpoint.secretRotatedAt)} UTC`
                    : ""}
                </p>
                <p className="mt-1">
                  <Link
                    href={`/organizations/${id}/webhooks/${endpoint.id}`}
                    className="text-brand-700 underline"
                  >
                    Delivery log<span className="sr-only"> of {endpoint.url}</span>
                  </Link>
                </p>
                <div className="mt-2 flex flex-wrap items-start gap-3">
                  <ActionForm
                    action={setWebhookEnabledAction}
                    label={`${endpoint.enabled ? "Disable" : "Enable"} the webhook ${endpoint.url}`}
                    submitLabel={endpoint.enabled ? "Disable" : "Enable"}
                    variant="secondary"
                  >
                    <input type="hidden" name="organizationId" value={id} />
                    <input type="hidden" name="endpointId" value={endpoint.id} />
                    <input type="hidden" name="enabled" value={endpoint.enabled ? "false" : "true"} />
                  </ActionForm>
                  <div className="mt-2">
                    <RotateSecretForm organizationId={id} endpointId={endpoint.id} />
                  </div>
                  <ActionForm
                    action={deleteWebhookAction}
                    label={`Delete the webhook ${endpoint.url}`}
                    submitLabel="Delete"
                    variant="danger"
                    confirm={`Delete the webhook ${endpoint.url} and its delivery log?`}
                  >
                    <input type="hidden" name="organizationId" value={id} />
                    <input type="hidden" name="endpointId" value={endpoint.id} />
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
