import type { SupportOrder } from "@/lib/orders/queries/support";
import { OUTCOME_LABELS, TRIGGER_LABELS } from "@/lib/orders/model/support-labels";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

function requestParams(request: unknown): [string, string][] {
  const params = (request as { params?: unknown } | null)?.params;
  if (!params || typeof params !== "object") return [];
  return Object.entries(params as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
}

/** Every call to the CA for the order: who asked, what was sent (password redacted), what came back. */
export function AttemptList({ attempts }: { attempts: SupportOrder["attempts"] }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-600">Not sent to Sectigo yet.</p>;
  return (
    <ol className="space-y-4">
      {attempts.map((attempt, index) => (
        <li key={attempt.id} className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 className="mb-2 font-semibold">
            Attempt {index + 1}: {OUTCOME_LABELS[attempt.outcome]}
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium text-slate-600">Started</dt>
            <dd>{dateFormat.format(attempt.startedAt)} UTC</dd>
            <dt className="font-medium text-slate-600">Trigger</dt>
            <dd>
              {TRIGGER_LABELS[attempt.trigger]}
              {attempt.triggeredBy
                ? ` (${attempt.triggeredBy.email})`
                : attempt.trigger === "CUSTOMER"
                  ? ""
                  : " (the portal)"}
            </dd>
            <dt className="font-medium text-slate-600">HTTP status</dt>
            <dd>{attempt.httpStatus ?? "none (no answer)"}</dd>
            <dt className="font-medium text-slate-600">Error code</dt>
            <dd>
              {attempt.errorCode ?? "—"}
              {attempt.errorClass ? ` (${attempt.errorClass})` : ""}
            </dd>
            {attempt.message ? (
              <>
                <dt className="font-medium text-slate-600">Explanation</dt>
                <dd>{attempt.message}</dd>
              </>
            ) : null}
            <dt className="font-medium text-slate-600">Duration</dt>
            <dd>{attempt.durationMs === null ? "—" : `${attempt.durationMs} ms`}</dd>
          </dl>
          <details className="mt-2 text-sm">
            <summary className="text-brand-700 cursor-pointer">Request as sent (password redacted)</summary>
            <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs break-all whitespace-pre-wrap">
              {requestParams(attempt.request)
                .map(([k, v]) => `${k}=${v}`)
                .join("\n")}
            </pre>
          </details>
          <details className="mt-2 text-sm">
            <summary className="text-brand-700 cursor-pointer">Raw response</summary>
            <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs break-all whitespace-pre-wrap">
              {attempt.responseBody ?? "(no response body)"}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
