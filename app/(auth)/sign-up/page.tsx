import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/guards";
import { invitationReturnPath, invitedAddress } from "@/lib/organizations/invitation-return";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; email?: string }>;
}) {
  const { next, email } = await searchParams;
  const returnTo = invitationReturnPath(next);
  if (await getCurrentUser()) redirect(returnTo ?? "/orders");
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Create an account</h1>
      <p className="mb-4 text-sm text-slate-700">
        Order and track eIDAS qualified certificates from Sectigo.
      </p>
      {returnTo ? (
        <p className="mb-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm">
          After you confirm your e-mail address, the link in our mail brings you back to your invitation.
        </p>
      ) : null}
      <SignUpForm returnTo={returnTo} email={invitedAddress(email)} />
      <p className="mt-4 text-sm text-slate-700">
        Already registered?{" "}
        <Link
          href={returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in"}
          className="text-brand-700 font-semibold underline"
        >
          Sign in
        </Link>
      </p>
    </>
  );
}
