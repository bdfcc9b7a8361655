import type { Metadata } from "next";
import Link from "next/link";
import { findPasswordReset, resetLinkRefusal } from "@/lib/users/password-reset";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

// Opening the link only shows the form: the token is used when the new password is sent, so a
// mail scanner that follows links does not use it up.
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const account = await findPasswordReset(token);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Choose a new password</h1>
      {account && token ? (
        <ResetPasswordForm token={token} account={account} />
      ) : (
        <>
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {resetLinkRefusal(token)}
          </p>
          <p className="mt-4 text-sm">
            <Link href="/forgot-password" className="text-brand-700 font-semibold underline">
              Ask for a new link
            </Link>
          </p>
        </>
      )}
    </>
  );
}
