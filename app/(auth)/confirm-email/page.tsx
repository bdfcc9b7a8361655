import type { Metadata } from "next";
import { TokenButtonForm } from "../token-button-form";
import { confirmEmailAction } from "./actions";

export const metadata: Metadata = { title: "Confirm your new e-mail address" };

export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Confirm your new e-mail address</h1>
      {token ? (
        <TokenButtonForm
          token={token}
          action={confirmEmailAction}
          label="Use this address for my account"
          next={{ href: "/account", label: "Go to my account" }}
        />
      ) : (
        <p role="alert" className="text-sm text-red-900">
          This page needs the link from the confirmation message.
        </p>
      )}
    </>
  );
}
