import type { ReactNode } from "react";
import { DOWNLOAD_FORMATS, FORMAT_LABELS } from "@/lib/certificates/formats";
import { STATE_WORDS, type ChecklistState } from "@/lib/orders/model/checklist";
import type { TrackingView } from "@/lib/orders/queries/tracking-view";
import { constructedDcvAddresses } from "@/lib/orders/model/dcv-addresses";
import type { ActionState } from "@/lib/actions";
import { dcvMethodWords } from "@/lib/sectigo/after-ordering";
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
  staff = false,
}: {
  orderId: string;
  view: TrackingView;
  /** The "Refresh now" form, rendered by the page (it owns the action). */
  refresh?: ReactNode;
  /** Domain validation actions, while Sectigo validates the order. */
  dcvActions?: { change: Action; resend: Action; check: Action };
  /** Support's and the admin's pages: "the certificate", not "your certificate". */
  staff?: boolean;
}) {
  const cert = view.certificate;
  const revoked = view.status === "REVOKED";
  const showToken = view.shipsToken && (view.status === "PLACED" || view.status === "ISSUED");
  return (
    <>
      <Section id="ca-status-heading" title="Status at Sectigo">
        <p className="mt-1 text-sm font-semibold">{view.words.words}</p>
        <p className="mt-1 text-sm">{view.words.todo}</p>
        <p className="mt-2 text-xs text-slate-600">
          {view.lastCheckedAt
            ? `Last checked with Sectigo ${when.format(view.lastCheckedAt)} UTC.`
            : "Not yet checked with Sectigo; the first check follows shortly after placing."}
          {view.nextCheckAt ? ` Next check from ${when.format(view.nextCheckAt)} UTC.` : ""}
        </p>
        {refresh}
      </Section>

      {view.checklist.length > 0 ? (
        <Section
          id="checklist-heading"
          title={view.status === "PLACED" ? "What Sectigo still needs" : "Validation steps"}
        >
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
        </Section>
      ) : null}

      {showToken ? <TokenSection view={view} staff={staff} /> : null}

      {view.domains.length > 0 ? (
        <Section id="dcv-heading" title="Domain validation">
          <p className="mt-1 text-sm">
            Sectigo checks that you control each domain. Publish exactly the values below; Sectigo looks for
            them regularly, and the checklist above shows when a domain is confirmed.
          </p>
          <ul className="mt-2 space-y-4">
            {view.domains.map((d) => (
              <li key={d.domainName} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-semibold">
                  <span className="font-mono break-all">{d.domainName}</span> · {dcvMethodWords(d.method)}
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
                    // A new method remounts the controls, so the picker shows what is in force.
                    key={`${d.domainName}:${d.method}`}
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
        <Section id="certificate-heading" title={certificateTitle({ staff, revoked })}>
          {revoked ? (
            <p className="mt-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950">
              Sectigo revoked this certificate
              {view.revokedAt ? ` on ${day.format(view.revokedAt)}` : ""}. Relying parties reject it: do not
              install it, and do not use it for new signatures or seals. The files below are kept for{" "}
              {staff ? "the" : "your"} records, e.g. to show what was revoked or to check signatures made
              before the revocation.
            </p>
          ) : null}
          <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">Subject</dt>
            <dd className="break-all">{cert.details.subject}</dd>
            <dt className="text-slate-600">Issuer</dt>
            <dd className="break-all">{cert.details.issuer}</dd>
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
          <h3 className="mt-3 text-sm font-semibold">
            {downloadsTitle({ revoked, token: view.shipsToken, staff })}
          </h3>
          {view.shipsToken && !revoked ? (
            <p className="mt-1 text-sm">
              The key and the certificate are on the token Sectigo ships: there is nothing to install from
              these files. They are copies of the public certificate, e.g. for your records or to give to
              relying parties that ask for it.
            </p>
          ) : null}
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
                {/* Where each format is installed: not said of files nobody should install. */}
                {view.shipsToken || revoked ? null : (
                  <span className="text-slate-600">— {FORMAT_LABELS[format].hint}</span>
                )}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-600">
            {view.shipsToken
              ? "Each file was checked before it was offered: the certificate names what was ordered, and its chain links up to the issuing root. Its key was made on the token, so it is not compared with the order's CSR."
              : `Each file was checked before it was offered: the certificate carries ${staff ? "the order's" : "your"} CSR’s public key, names what ${staff ? "was" : "you"} ordered, and its chain links up to the issuing root.`}
          </p>
        </Section>
      ) : null}
    </>
  );
}

function certificateTitle({ staff, revoked }: { staff: boolean; revoked: boolean }): string {
  if (revoked)
    return staff
      ? "The revoked certificate – for records only"
      : "Revoked certificate – for your records, do not install";
  return staff ? "The certificate" : "Your certificate";
}

function downloadsTitle({
  revoked,
  token,
  staff,
}: {
  revoked: boolean;
  token: boolean;
  staff: boolean;
}): string {
  if (revoked) return `Copies for ${staff ? "the" : "your"} records (revoked: do not install)`;
  return token ? "Copies of the public certificate" : "Download";
}

/** A QSCD token order: where the key is, the parcel, and what to do when it arrives. */
function TokenSection({ view, staff }: { view: TrackingView; staff: boolean }) {
  const commonName = view.certificate
    ? /(?:^|, )CN=([^,]+)/.exec(view.certificate.details.subject)?.[1]
    : null;
  return (
    <Section id="token-heading" title={staff ? "The token" : "Your token"}>
      <p className="mt-1 text-sm">
        Sectigo makes the private key on a certified signature token (QSCD) and ships the token with the
        certificate on it. The key never leaves the token, and there is no certificate file to install.
      </p>
      <h3 className="mt-3 text-sm font-semibold">Shipping</h3>
      {view.trackingNumber ? (
        <p className="mt-1 text-sm">
          Sectigo has shipped the token. Tracking number:{" "}
          <span className="font-mono break-all">{view.trackingNumber}</span>. Sectigo&rsquo;s shipping e-mail
          has the delivery details.
        </p>
      ) : (
        <p className="mt-1 text-sm">
          Not shipped yet: Sectigo ships the token once validation is complete, and its tracking number
          appears here.
        </p>
      )}
      <h3 className="mt-3 text-sm font-semibold">When the token arrives</h3>
      <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
        <li>
          Keep the token and the PIN letter (it may come separately) in different places; never send the PIN
          to anyone, us included.
        </li>
        <li>
          Install the token software named in Sectigo&rsquo;s e-mail on the computer you will sign or seal
          with.
        </li>
        <li>
          Plug the token in and activate it as Sectigo&rsquo;s e-mail describes, with the PIN from the PIN
          letter; set a PIN of your own if asked.
        </li>
        <li>
          Open your signing software: it should show the certificate
          {commonName ? (
            <>
              {" "}
              for <span className="break-all">{commonName}</span>
            </>
          ) : null}
          . Make a test signature or seal.
        </li>
        <li>
          If the token or the PIN letter is lost or stolen, revoke the certificate on this page at once.
        </li>
      </ol>
    </Section>
  );
}
