import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { listCaughtMail } from "@/lib/mail/caught";

export const metadata: Metadata = { title: "Demo mail" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DemoMailPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole("ADMIN");
  const raw = (await searchParams).to;
  const to = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 320) ?? "";
  const mails = await listCaughtMail(admin, to);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Demo mail</h1>
      <p className="mb-4 text-slate-700">
        No mail server is configured (<code>SMTP_URL</code>), so the portal sends its e-mail to a local
        catcher. Nothing here left this machine.
      </p>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            Recipient
          </label>
          <input
            id="to"
            name="to"
            type="email"
            defaultValue={to}
            className="min-h-10 rounded-md border border-slate-300 px-3"
          />
        </div>
        <button
          type="submit"
          className="bg-brand-600 min-h-10 rounded-md px-4 text-sm font-semibold text-white"
        >
          Show
        </button>
      </form>
      {mails.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          No mail yet.
        </p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">Caught mail, newest first</caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="p-2">
                Received
              </th>
              <th scope="col" className="p-2">
                To
              </th>
              <th scope="col" className="p-2">
                Subject
              </th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.id} className="border-b">
                <td className="p-2 whitespace-nowrap">
                  {mail.receivedAt.toISOString().replace("T", " ").slice(0, 19)}
                </td>
                <td className="p-2 break-all">{mail.recipients.join(", ")}</td>
                <td className="p-2">
                  <Link href={`/admin/mail/${mail.id}`} className="text-brand-700 underline">
                    {mail.subject || "(no subject)"}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
