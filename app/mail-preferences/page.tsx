import type { Metadata } from "next";
import Link from "next/link";
import { PreferencesForm } from "@/components/mail/preferences-form";
import { getMailPreferencesByToken } from "@/lib/mail/preferences";
import { isRefusal } from "@/lib/refusal";
import { saveMailPreferencesByTokenAction } from "./actions";

export const metadata: Metadata = { title: "E-mail choices" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Opened from the link at the foot of every mail: no sign-in, the signed token says whose.
export default async function MailPreferencesPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 500) ?? "";
  let preferences: Awaited<ReturnType<typeof getMailPreferencesByToken>> | null = null;
  let problem = "This link is incomplete. Use the link at the foot of one of our e-mails, or sign in.";
  if (token) {
    try {
      preferences = await getMailPreferencesByToken(token);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      problem = error.message;
    }
  }
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="mb-1 text-2xl font-bold">E-mail choices</h1>
      {preferences ? (
        <>
          <p className="mb-6 text-sm break-words text-slate-700">For {preferences.email}</p>
          <PreferencesForm
            locale={preferences.locale}
            kinds={preferences.kinds}
            save={saveMailPreferencesByTokenAction}
            token={token}
          />
        </>
      ) : (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {problem}{" "}
          <Link href="/sign-in" className="underline">
            Sign in
          </Link>
        </p>
      )}
    </main>
  );
}
