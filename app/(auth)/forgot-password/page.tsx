import type { Metadata } from "next";
import Link from "next/link";
import { EmailLinkForm } from "../email-link-form";
import { forgotPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-slate-700">
        Enter the e-mail address of your account. We send it a link to choose a new password.
      </p>
      <EmailLinkForm action={forgotPasswordAction} submitLabel="Send the link" />
      <p className="mt-4 text-sm text-slate-700">
        <Link href="/sign-in" className="text-brand-700 font-semibold underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
