import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { getCaughtMail } from "@/lib/mail/caught";

export const metadata: Metadata = { title: "Demo mail" };

export default async function CaughtMailPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireRole("ADMIN");
  const mail = await getCaughtMail(admin, (await params).id);
  const facts: [string, string][] = [
    ["From", mail.headers.from ?? mail.sender],
    ["To", mail.recipients.join(", ")],
    ["Received", mail.receivedAt.toISOString()],
    ["Message-ID", mail.messageId ?? ""],
    ...Object.entries(mail.headers)
      .filter(([name]) => name.startsWith("list-"))
      .map(([name, value]): [string, string] => [name, value]),
  ];
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/mail" className="text-brand-700 underline">
          All demo mail
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold break-words">{mail.subject || "(no subject)"}</h1>
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="font-medium">{name}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mb-2 text-lg font-semibold">Text part</h2>
      <pre
        data-testid="mail-text"
        className="mb-4 overflow-x-auto rounded-md bg-white p-4 text-sm whitespace-pre-wrap"
      >
        {mail.text ?? "(none)"}
      </pre>
      {mail.html ? (
        <p>
          <a
            href={`/admin/mail/${mail.id}/html`}
            target="_blank"
            rel="noopener"
            className="text-brand-700 underline"
          >
            Open the HTML part
          </a>{" "}
          (in a new tab, with scripts and remote content blocked)
        </p>
      ) : null}
    </>
  );
}
