import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/guards";
import { invitedAddress } from "@/lib/organizations/invitation-return";
import { demoAccounts } from "@/lib/users/demo";
import { DEMO_STAFF_TOTP_SECRET } from "@/lib/users/demo-second-factor";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; email?: string }>;
}) {
  if (await getCurrentUser()) redirect("/orders");
  const { callbackUrl, email } = await searchParams;
  const demo = demoAccounts();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} email={invitedAddress(email)} />
      <p className="mt-3 text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          Forgot password?
        </Link>
      </p>
      <p className="mt-4 text-sm text-slate-700">
        New customer?{" "}
        <Link href="/sign-up" className="text-brand-700 font-semibold underline">
          Create an account
        </Link>
      </p>
      {demo ? (
        <section aria-labelledby="demo-heading" className="bg-brand-50 mt-6 rounded-md p-3 text-sm">
          <h2 id="demo-heading" className="font-semibold">
            Demo mode
          </h2>
          <p className="mt-1">
            Orders go to the local sandbox CA; nothing is billed. Password for all three:{" "}
            <code className="font-mono">{demo.password}</code>
          </p>
          <ul className="mt-1 list-disc pl-5">
            {demo.accounts.map((a) => (
              <li key={a.email}>
                {a.role.toLowerCase()}: <code className="font-mono">{a.email}</code>
              </li>
            ))}
          </ul>
          <p className="mt-1">
            Support and admin also need a code from an authenticator app with the key{" "}
            <code className="font-mono break-all">{DEMO_STAFF_TOTP_SECRET}</code>.
          </p>
        </section>
      ) : null}
    </>
  );
}
