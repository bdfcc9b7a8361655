import type { Metadata } from "next";
import Link from "next/link";
import { PreferencesForm } from "@/components/mail/preferences-form";
import { requireUser } from "@/lib/auth/guards";
import { getMyMailPreferences } from "@/lib/mail/preferences";
import { saveMyMailPreferencesAction } from "./actions";

export const metadata: Metadata = { title: "E-mail" };

export default async function NotificationsPage() {
  const user = await requireUser();
  const preferences = await getMyMailPreferences(user);
  return (
    <>
      <p className="mb-2">
        <Link href="/account" className="text-brand-700 underline">
          Account
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">E-mail</h1>
      <p className="mb-6 text-sm break-words text-slate-700">Sent to {user.email}</p>
      <PreferencesForm
        locale={preferences.locale}
        kinds={preferences.kinds}
        save={saveMyMailPreferencesAction}
      />
    </>
  );
}
