import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/guards";
import { describeUserAgent } from "@/lib/auth/user-agent";
import { listSessionsForUser } from "@/lib/auth/sessions";
import { isEmailVerified } from "@/lib/users/verification";
import { ChangeEmailForm } from "./change-email-form";
import { ChangePasswordForm } from "./change-password-form";
import { SessionList, type SessionItem } from "./session-list";
import { VerifyEmailNotice } from "./verify-notice";

export const metadata: Metadata = { title: "Account" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AccountPage() {
  const current = await getCurrentSession();
  if (!current) redirect("/sign-in");
  const [rows, verified] = await Promise.all([
    listSessionsForUser(current.user, current.sessionId),
    isEmailVerified(current.user.id),
  ]);
  // Only what the list shows goes to the browser: never a token, only the row's id.
  const sessions: SessionItem[] = rows.map((r) => ({
    id: r.id,
    current: r.current,
    device: describeUserAgent(r.userAgent),
    signedInAt: `${when.format(r.createdAt)} UTC`,
    lastSeenAt: `${when.format(r.lastSeenAt)} UTC`,
    address: r.address,
  }));
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Account</h1>
      <p className="mb-2 text-sm break-words text-slate-700">
        {current.user.name} · {current.user.email}
      </p>
      {verified ? null : <VerifyEmailNotice email={current.user.email} />}
      <p className="mb-6 text-sm">
        <Link href="/account/notifications" className="text-brand-700 underline">
          Choose which e-mails you get
        </Link>
        {" · "}
        <Link href="/account/security" className="text-brand-700 font-semibold underline">
          Two-factor sign-in and recovery codes
        </Link>
        {current.user.role === "CUSTOMER" ? (
          <>
            {" · "}
            <Link href="/organizations" className="text-brand-700 underline">
              Order as a company? Create an organization
            </Link>
          </>
        ) : null}
      </p>
      <section aria-labelledby="sessions-heading" className="max-w-2xl">
        <h2 id="sessions-heading" className="mb-1 text-lg font-semibold">
          Signed-in sessions
        </h2>
        <p className="mb-4 text-sm text-slate-700">
          Every browser signed in to your account. If you do not recognise one, sign it out, or sign out
          everywhere and change your password.
        </p>
        <SessionList sessions={sessions} />
      </section>
      <section aria-labelledby="password-heading" className="mt-8 max-w-2xl">
        <h2 id="password-heading" className="mb-3 text-lg font-semibold">
          Password
        </h2>
        <ChangePasswordForm account={{ email: current.user.email, name: current.user.name }} />
      </section>
      <section aria-labelledby="email-heading" className="mt-8 max-w-2xl">
        <h2 id="email-heading" className="mb-1 text-lg font-semibold">
          E-mail address
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          We send a link to the new address; it replaces {current.user.email} when you open it, and we tell
          the old address about the change.
        </p>
        <ChangeEmailForm />
      </section>
    </>
  );
}
