import type { ReactNode } from "react";
import { DOWNLOAD_FORMATS, FORMAT_LABELS } from "@/lib/certificates/formats";
import { STATE_WORDS, type ChecklistState } from "@/lib/orders/model/checklist";
import type { TrackingView } from "@/lib/orders/queries/tracking-view";
import { constructedDcvAddresses } from "@/lib/orders/model/dcv-addresses";
import type { ActionState } from "@/lib/actions";
import { CopyText } from "./copy-text";
import { DcvControls } from "./dcv-controls";

type Action = (previous: ActionState | undefined, form: FormData) => Promise<ActionState>;

// The after-ordering part of an order page: Sectigo's status in words and what to do now, the
// checklist of what Sectigo still needs, the values to publish for domain validation, and the
// certificate with its downloads. The same for the customer, support and admins.

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

const STATE_CLASSES: Record<ChecklistState, string> = {
  done: "bg-green-100 text-green-900",
  waiting_customer: "bg-amber-100 text-amber-900",
  waiting_ca: "bg-blue-100 text-blue-900",
  failed: "bg-red-100 text-red-900",
};

const METHOD_WORDS: Record<string, string> = {
  EMAIL: "e-mail to an address of the domain",
  HTTP_CSR_HASH: "a file on the web server (HTTP)",
  HTTPS_CSR_HASH: "a file on the web server (HTTPS)",
  CNAME_CSR_HASH: "a DNS CNAME record",
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function AfterPlacing({
  orderId,
  view,
  refresh,
  dcvActions,
}: {
  orderId: string;
  view: TrackingView;
  /** The "Refresh now" form, rendered by the page (it owns the action). */
  refresh?: ReactNode;
  /** Domain validation actions, while Sectigo validates the order. */
  dcvActions?: { change: Action; resend: Action; check: Action };
}) {
  const cert = view.certificate;
  return (
    <>
      <Section id="ca-status-heading" title="Status at Sectigo">
        <p className="mt-1 text-sm font-semibold">{view.words.words}</p>
        <p className="mt-1 text-sm">{view.words.todo}</p>
        <p className="mt-2 text-xs text-slate-600">
          {view.lastCheckedAt
            ? `Last checked with Sectigo ${when.format(view.lastCheckedAt)} UTC.`
            : "Not yet checked with Sectigo; the first check follows shortly after placing."}
          {view.nextCheckAt && !cert ? ` Next check from ${when.format(view.nextCheckAt)} UTC.` : ""}
        </p>
        {refresh}
      </Section>

      {view.checklist.length > 0 ? (
        <Section id="checklist-heading" title="What Sectigo still needs">
          <ul className="mt-2 divide-y divide-slate-100">
            {view.checklist.map((item) => (
              <li
                key={item.key}
                className="flex flex-col gap-1 py-2 text-sm sm:flex-row sm:items-start sm:gap-3"
              >
                <span
                  className={`inline-block w-max shrink-0 rounded-full px-2 py-0.5 text-xs font-semibold ${STATE_CLASSES[item.state]}`}
                >
                  {STATE_WORDS[item.state]}
                </span>
                <span className="min-w-0">
                  <span className="font-semibold">{item.label}</span>
                  <span className="block text-slate-700">{item.detail}</span>
                  <span className="block text-xs text-slate-500">
                    since <time dateTime={item.changedAt}>{when.format(new Date(item.changedAt))} UTC</time>
                  </span>
                </span>
              </li>
            ))}
          </ul>
          {view.uploadLink ? (
            <p className="mt-2 text-sm">
              <a
                href={view.uploadLink}
                className="text-brand-700 font-semibold underline"
                rel="noreferrer"
                target="_blank"
              >
                Upload documents at Sectigo
              </a>{" "}
              (opens Sectigo&rsquo;s upload page for this order)
            </p>
          ) : null}
          {view.trackingNumber ? (
            <p className="mt-2 text-sm">
              Token tracking number: <span className="font-mono">{view.trackingNumber}</span>. When the token
              arrives, follow the instructions in Sectigo&rsquo;s e-mail to activate it; the certificate is
              loaded onto the token, so there is no file to install.
            </p>
          ) : null}
        </Section>
      ) : null}

      {view.domains.length > 0 && !cert ? (
        <Section id="dcv-heading" title="Domain validation">
          <p className="mt-1 text-sm">
            Sectigo checks that you control each domain. Publish exactly the values below; Sectigo looks for
            them regularly, and the checklist above shows when a domain is confirmed.
          </p>
          <ul className="mt-2 space-y-4">
            {view.domains.map((d) => (
              <li key={d.domainName} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-semibold">
                  <span className="font-mono break-all">{d.domainName}</span> ·{" "}
                  {METHOD_WORDS[d.method] ?? d.method}
                </p>
                {d.values && (d.method === "HTTP_CSR_HASH" || d.method === "HTTPS_CSR_HASH") ? (
                  <div className="mt-2 space-y-2">
                    <p>
                      Put a file at{" "}
                      <code className="font-mono break-all">
                        {d.method === "HTTPS_CSR_HASH" ? "https" : "http"}://{d.domainName}
                        {d.values.httpFile.path}
                      </code>{" "}
                      <CopyText text={d.values.httpFile.path} label={`file path for ${d.domainName}`} />
                    </p>
                    <p>with exactly this content:</p>
                    <pre
                      className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs"
                      data-testid="dcv-content"
                    >
                      {d.values.httpFile.content}
                    </pre>
                    <CopyText
                      text={d.values.httpFile.content}
                      label={`file content for ${d.domainName}`}
                      fileName={d.values.httpFile.path.split("/").pop()}
                    />
                  </div>
                ) : null}
                {d.values && d.method === "CNAME_CSR_HASH" ? (
                  <dl className="mt-2 grid gap-1 sm:grid-cols-[max-content_1fr] sm:gap-x-3">
                    <dt className="text-slate-600">Record name</dt>
                    <dd className="font-mono break-all">
                      {d.values.cname.name}{" "}
                      <CopyText text={d.values.cname.name} label={`CNAME name for ${d.domainName}`} />
                    </dd>
                    <dt className="text-slate-600">Points to</dt>
                    <dd className="font-mono break-all">
                      {d.values.cname.target}{" "}
                      <CopyText text={d.values.cname.target} label={`CNAME target for ${d.domainName}`} />
                    </dd>
                  </dl>
                ) : null}
                {d.method === "EMAIL" ? (
                  <p className="mt-2">
                    Open the link in the e-mail Sectigo sent to the address chosen for this domain.
                  </p>
                ) : null}
                {dcvActions && d.status !== "validated" ? (
                  <DcvControls
                    orderId={orderId}
                    domainName={d.domainName}
                    method={d.method}
                    addresses={constructedDcvAddresses(d.domainName)}
                    actions={dcvActions}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {cert ? (
        <Section id="certificate-heading" title="Your certificate">
          <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">Subject</dt>
            <dd className="break-all">{cert.subject}</dd>
            <dt className="text-slate-600">Issuer</dt>
            <dd className="break-all">{cert.issuer}</dd>
            <dt className="text-slate-600">Serial number</dt>
            <dd className="font-mono break-all">{cert.serialNumber}</dd>
            <dt className="text-slate-600">Valid</dt>
            <dd>
              {day.format(cert.notBefore)} to {day.format(cert.notAfter)}
            </dd>
            <dt className="text-slate-600">SHA-256 fingerprint</dt>
            <dd className="font-mono text-xs break-all">{cert.sha256}</dd>
            <dt className="text-slate-600">Key</dt>
            <dd>{cert.details.key}</dd>
            {cert.details.altNames.length > 0 ? (
              <>
                <dt className="text-slate-600">Valid for</dt>
                <dd>
                  <ul>
                    {cert.details.altNames.map((name) => (
                      <li key={name} className="font-mono break-all">
                        {name}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
            {cert.details.policies.length > 0 ? (
              <>
                <dt className="text-slate-600">Policy</dt>
                <dd>
                  <ul>
                    {cert.details.policies.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </dl>
          {cert.details.statements.length > 0 ? (
            <>
              <h3 className="mt-3 text-sm font-semibold">What the certificate states (eIDAS)</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
                {cert.details.statements.map((s) => (
                  <li key={s} className="break-words">
                    {s}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3 className="mt-3 text-sm font-semibold">Download</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {DOWNLOAD_FORMATS.map((format) => (
              <li key={format}>
                <a
                  href={`/orders/${orderId}/certificate/${format}`}
                  className="text-brand-700 font-semibold underline"
                  download
                >
                  {FORMAT_LABELS[format].label}
                </a>{" "}
                <span className="text-slate-600">— {FORMAT_LABELS[format].hint}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-600">
            Each file was checked before it was offered: the certificate carries your CSR&rsquo;s public key,
            names what you ordered, and its chain links up to the issuing root.
          </p>
        </Section>
      ) : null}
    </>
  );
}
