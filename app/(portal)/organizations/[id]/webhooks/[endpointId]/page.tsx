import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { getWebhookDeliveryLog } from "@/lib/webhooks/manage";
import { ActionForm } from "../../../_components/action-form";
import { replayWebhookAction } from "../actions";

export const metadata: Metadata = { title: "Webhook deliveries" };

const when = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});
const STATUS_WORDS = { PENDING: "waiting", DELIVERED: "delivered", FAILED: "given up" } as const;

/** An endpoint's latest messages with every delivery attempt, and Replay, for its organization's owners. */
export default async function WebhookLogPage({
  params,
}: {
  params: Promise<{ id: string; endpointId: string }>;
}) {
  const user = await requireUser();
  const { id, endpointId } = await params;
  const log = await getWebhookDeliveryLog(user, id, endpointId);
  if (!log) notFound();
  return (
    <>
      <p className="text-sm">
        <Link href={`/organizations/${id}/webhooks`} className="text-brand-700 underline">
          All webhooks
        </Link>
      </p>
      <h2 className="mt-2 text-lg font-semibold break-all">Deliveries to {log.endpoint.url}</h2>
      {!log.endpoint.enabled ? (
        <p className="mt-1 text-sm text-amber-900">
          Disabled{log.endpoint.disabledReason ? `: ${log.endpoint.disabledReason}` : ""}. Events wait until
          it is enabled again.
        </p>
      ) : null}
      {log.messages.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No events yet.</p>
      ) : (
        <ul className="mt-3 space-y-2" aria-label="Events, newest first">
          {log.messages.map((message) => (
            <li key={message.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
              <p>
                <span className="font-semibold">{message.type}</span> ·{" "}
                <Link href={`/orders/${message.orderId}`} className="text-brand-700 underline">
                  order
                </Link>{" "}
                · {STATUS_WORDS[message.status]}
                {message.status === "PENDING" && message.deliveries.length > 0
                  ? `, next attempt ${when.format(message.nextAttemptAt)} UTC`
                  : ""}
              </p>
              <p className="text-xs text-slate-600">
                <code className="break-all">{message.id}</code> · {when.format(message.createdAt)} UTC
              </p>
              {message.deliveries.length > 0 ? (
                <table className="mt-2 w-full text-left text-xs">
                  <caption className="sr-only">Attempts of {message.id}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="pr-2 font-medium">
                        Time (UTC)
                      </th>
                      <th scope="col" className="pr-2 font-medium">
                        Answer
                      </th>
                      <th scope="col" className="font-medium">
                        Duration
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {message.deliveries.map((attempt) => (
                      <tr key={attempt.id}>
                        <td className="pr-2">{when.format(attempt.at)}</td>
                        <td className="pr-2 break-all">
                          {attempt.httpStatus !== null
                            ? `HTTP ${attempt.httpStatus}`
                            : (attempt.error ?? "no answer")}
                        </td>
                        <td>{attempt.durationMs} ms</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {message.status !== "PENDING" ? (
                <ActionForm
                  action={replayWebhookAction}
                  label={`Replay ${message.type} ${message.id}`}
                  submitLabel="Replay"
                  variant="secondary"
                >
                  <input type="hidden" name="organizationId" value={id} />
                  <input type="hidden" name="endpointId" value={endpointId} />
                  <input type="hidden" name="messageId" value={message.id} />
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
