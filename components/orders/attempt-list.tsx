import { entriesOf, utc } from "@/components/orders/format";
import { OUTCOME_LABELS, TRIGGER_LABELS } from "@/lib/orders/model/support-labels";
import type { StaffAttempt } from "@/lib/orders/queries/selects";

function requestParams(request: StaffAttempt["request"]): [string, string][] {
  const params =
    request && typeof request === "object" && !Array.isArray(request) ? request.params : undefined;
  return entriesOf(params ?? request);
}

/**
 * Every call to the CA, for staff (admin and support order pages): when, why, by whom, the
 * outcome, the parameters as sent and the raw answer, both scrubbed by the read model.
 */
export function AttemptList({ attempts }: { attempts: StaffAttempt[] }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-600">Never sent to Sectigo.</p>;
  return (
    <ol className="space-y-4">
      {attempts.map((attempt, index) => {
        const params = requestParams(attempt.request);
        return (
          <li
            key={attempt.id}
            className="rounded-lg border border-slate-200 bg-white p-4"
            aria-labelledby={`attempt-${attempt.id}`}
          >
            <h3 id={`attempt-${attempt.id}`} className="mb-2 font-semibold">
              Attempt {index + 1}: {OUTCOME_LABELS[attempt.outcome]}
            </h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="font-medium text-slate-600">Time</dt>
              <dd>
                {utc(attempt.startedAt)}
                {attempt.durationMs !== null ? ` (${attempt.durationMs} ms)` : ""}
              </dd>
              <dt className="font-medium text-slate-600">Trigger</dt>
              <dd>{TRIGGER_LABELS[attempt.trigger]}</dd>
              <dt className="font-medium text-slate-600">By</dt>
              <dd>
                {attempt.triggeredBy?.email ??
                  (attempt.trigger === "CUSTOMER" ? "the order's customer" : "the portal")}
              </dd>
              <dt className="font-medium text-slate-600">HTTP status</dt>
              <dd>{attempt.httpStatus ?? "no answer"}</dd>
              <dt className="font-medium text-slate-600">Error code</dt>
              <dd>
                {attempt.errorCode ?? "—"}
                {attempt.errorClass ? ` (${attempt.errorClass})` : ""}
              </dd>
              {attempt.message ? (
                <>
                  <dt className="font-medium text-slate-600">Message</dt>
                  <dd>{attempt.message}</dd>
                </>
              ) : null}
            </dl>
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-semibold">
                Request parameters as sent ({params.length})
              </summary>
              <table className="mt-2 text-left text-sm">
                <caption className="sr-only">Request parameters of attempt {index + 1}</caption>
                <tbody className="divide-y divide-slate-100">
                  {params.map(([name, value]) => (
                    <tr key={name}>
                      <th scope="row" className="py-1 pr-4 font-mono font-normal text-slate-600">
                        {name}
                      </th>
                      <td className="py-1 font-mono break-all">{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            <details className="mt-2" open={attempt.outcome !== "PLACED"}>
              <summary className="cursor-pointer text-sm font-semibold">Raw response</summary>
              <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs break-all whitespace-pre-wrap">
                {attempt.responseBody ?? "(no response body)"}
              </pre>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
