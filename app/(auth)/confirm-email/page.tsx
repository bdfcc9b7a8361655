import type { Metadata } from "next";
import { emailChangeLink } from "@/lib/users/email-change";
import { TokenButtonForm } from "../token-button-form";
import { confirmEmailAction } from "./actions";
import { deadLinkMessage } from "./messages";

export const metadata: Metadata = { title: "Confirm your new e-mail address" };

// Opening the link only reads it (mail scanners open links): the button's POST uses it up. A dead
// link says so at once, as the password reset page does.
export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const link = await emailChangeLink(token);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Confirm your new e-mail address</h1>
      {link.state === "live" && token ? (
        <>
          <p className="mb-4 text-sm">
            New e-mail address: <strong className="break-all">{link.newEmail}</strong>
          </p>
          <TokenButtonForm
            token={token}
            action={confirmEmailAction}
            label="Use this address for my account"
            next={{ href: "/account", label: "Go to my account" }}
          />
        </>
      ) : (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {deadLinkMessage(link)}
        </p>
      )}
    </>
  );
}
