import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { CreateAccountForm } from "./create-account-form";

export const metadata: Metadata = { title: "Create account" };

export default async function CreateAccountPage() {
  await requireRole("ADMIN");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/users" className="text-brand-700 underline">
          ← Users
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">Create account</h1>
      <p className="mb-4 text-sm text-slate-600">
        For support staff and administrators; customers can also register themselves. The creation is recorded
        in the audit log.
      </p>
      <CreateAccountForm />
    </>
  );
}
