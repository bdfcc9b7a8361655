import type { Metadata } from "next";
import { invitationReturnPath } from "@/lib/organizations/invitation-return";
import { verificationLinkAddress, verifyLinkRefusal } from "@/lib/users/verification";
import { EmailLinkForm } from "../email-link-form";
import { TokenButtonForm } from "../token-button-form";
import { resendVerificationAction, verifyEmailAction } from "./actions";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

// Opening the link only reads it (mail scanners open links); the button's POST uses it up. Under
// a working link, asking for a new one is tucked away, and it goes once the address is confirmed.
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; next?: string }>;
}) {
  const { token, next } = await searchParams;
  // Signed up from an invitation: back to it (lib/organizations/invitation-return.ts).
  const returnTo = invitationReturnPath(next);
  const address = token ? await verificationLinkAddress(token) : null;
  const resend = (secondary: boolean) => (
    <EmailLinkForm action={resendVerificationAction} submitLabel="Send a new link" secondary={secondary} />
  );
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Confirm your e-mail address</h1>
      {token && address ? (
        <>
          <p className="mb-4 text-sm">
            E-mail address: <strong className="break-all">{address}</strong>
          </p>
          <TokenButtonForm
            token={token}
            action={verifyEmailAction}
            label="Confirm my e-mail address"
            next={
              returnTo
                ? { href: returnTo, label: "Back to your invitation" }
                : { href: "/orders", label: "Go to my orders" }
            }
            untilDone={
              <details className="mt-6 border-t border-slate-200 pt-4 text-sm">
                <summary className="cursor-pointer font-semibold">Need a new link?</summary>
                <div className="mt-3">{resend(true)}</div>
              </details>
            }
          />
        </>
      ) : (
        <>
          {token ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              {verifyLinkRefusal(token)}
            </p>
          ) : null}
          <section aria-labelledby="resend-heading" className="mt-6 border-t border-slate-200 pt-4">
            <h2 id="resend-heading" className="mb-2 text-base font-semibold">
              Need a new link?
            </h2>
            {resend(false)}
          </section>
        </>
      )}
    </>
  );
}
