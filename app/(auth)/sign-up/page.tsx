import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/guards";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/orders");
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Create an account</h1>
      <p className="mb-4 text-sm text-slate-700">
        Order and track eIDAS qualified certificates from Sectigo.
      </p>
      <SignUpForm />
      <p className="mt-4 text-sm text-slate-700">
        Already registered?{" "}
        <Link href="/sign-in" className="text-brand-700 font-semibold underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
