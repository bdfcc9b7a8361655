import type { Metadata } from "next";
import { EmailLinkForm } from "../email-link-form";
import { TokenButtonForm } from "../token-button-form";
import { resendVerificationAction, verifyEmailAction } from "./actions";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Confirm your e-mail address</h1>
      {token ? (
        <TokenButtonForm
          token={token}
          action={verifyEmailAction}
          label="Confirm my e-mail address"
          next={{ href: "/orders", label: "Go to my orders" }}
        />
      ) : null}
      <section aria-labelledby="resend-heading" className="mt-6 border-t border-slate-200 pt-4">
        <h2 id="resend-heading" className="mb-2 text-base font-semibold">
          Need a new link?
        </h2>
        <EmailLinkForm action={resendVerificationAction} submitLabel="Send a new link" />
      </section>
    </>
  );
}
